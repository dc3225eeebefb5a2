package dev.baton.cli.option;

/**
 * A file a command reads is not what it should be (a quirks file that is not JSON, or not a list
 * of quirks; a release check compares that is neither a description document nor a QEMU vmstate
 * dump; a chain file that lists no chain): bad input, exit 1, one line that names the file and
 * what is wrong, as a stream that does not decode is. {@code ErrorHandler} prints it as it is.
 */
public final class BadInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }
}
