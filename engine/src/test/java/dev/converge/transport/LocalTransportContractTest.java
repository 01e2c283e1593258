package dev.converge.transport;

/** The contract, run by {@link LocalTransport}. */
class LocalTransportContractTest extends TransportContractTest {
    private final LocalTransport transport = new LocalTransport();

    @Override
    protected Transport transport() {
        return transport;
    }
}
