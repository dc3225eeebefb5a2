package dev.baton.cli.option;

/**
 * A file a command reads is not what it should be (a quirks file that is not JSON, or not a list
 * of quirks): bad input, exit 1, one line that names the file and what is wrong, as a stream
 * that does not decode is. {@code ErrorHandler} prints it as it is.
 */
public final class BadInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }
}
