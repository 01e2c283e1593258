package dev.converge.modules.command;

import java.util.List;

/**
 * Parameters of {@code command}.
 *
 * @param cmd the program and its arguments, as a list (never a shell string)
 * @param creates skip when this path exists
 * @param removes skip when this path does not exist
 * @param unless skip when this command (a list) exits 0
 * @param stdin text fed to the command's standard input (use it for secrets: never on a command line)
 */
public record CommandParams(List<String> cmd, String creates, String removes, List<String> unless, String stdin) {}
