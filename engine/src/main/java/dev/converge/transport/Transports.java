package dev.converge.transport;

/** Opens the transport a host's connection spec asks for. */
public interface Transports {

    /**
     * Opens (and for SSH, connects and authenticates) a transport to the host.
     *
     * @throws TransportException when the host cannot be reached or refuses us
     */
    Transport open(ConnectionSpec spec) throws TransportException;

    /**
     * Gets ready to open transports without contacting any host (e.g. starts an SSH client and
     * loads its classes), so that it can overlap the run's compilation. Optional; never throws.
     */
    default void prepare() {}
}
