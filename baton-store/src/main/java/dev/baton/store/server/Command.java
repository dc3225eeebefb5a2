package dev.baton.store.server;

import dev.baton.store.protocol.ErrorCode;
import dev.baton.store.protocol.StoreException;
import java.util.function.Predicate;

/**
 * One row of the command table ({@link Commands}): a request's name, its arguments as its usage
 * line shows them, what it makes of a {@code T<txid>} prefix, and the handler that runs it.
 *
 * <p>The number of arguments a command takes is read off its arguments ({@link #of}), so that a
 * wrong count and the usage line it gets cannot disagree: {@code <x>} (or {@code A|B}) is one
 * argument, {@code [<x>]} an optional one after those, {@code <x>...} one or more.
 *
 * @param name         the command, as the first token of a request (after {@code T<txid>})
 * @param arguments    its arguments, as the usage line shows them; empty for none
 * @param transaction  what a {@code T<txid>} prefix means to it
 * @param handler      runs it, under the store's lock, once the prefix and the count are right
 * @param offeredBy    the releases whose usage line shows the last optional argument (the handler
 *                     refuses it on the others, naming the release that has it); null: every one
 * @param minArguments fewest arguments
 * @param maxArguments most arguments; {@link Integer#MAX_VALUE} when the last one repeats
 */
record Command(String name, String arguments, InTransaction transaction, Handler handler,
        Predicate<Release> offeredBy, int minArguments, int maxArguments) {

    /** What a command makes of a {@code T<txid>} prefix (the transaction is looked up first either way). */
    enum InTransaction {
        /** Runs in the transaction's view when there is one, on the committed tree otherwise. */
        OPTIONAL,
        /** Runs the same with or without one (as xenstored's XS_FLAG_NOTID commands). */
        IGNORED,
        /** Refused inside a transaction. */
        REFUSED,
        /** Needs one: without it, the usage line. */
        REQUIRED
    }

    /** Runs a request; throws {@code StoreException} to refuse it. */
    @FunctionalInterface
    interface Handler {
        Reply handle(Request request);
    }

    /** A row whose every argument every release offers. */
    static Command of(String name, String arguments, InTransaction transaction, Handler handler) {
        return of(name, arguments, transaction, handler, null);
    }

    /** A row whose last optional argument only the releases that {@code offeredBy} accepts offer. */
    static Command of(String name, String arguments, InTransaction transaction, Handler handler,
            Predicate<Release> offeredBy) {
        String[] words = arguments.isEmpty() ? new String[0] : arguments.split(" ");
        int required = 0;
        for (String w : words) {
            required += w.startsWith("[") ? 0 : 1;
        }
        int most = words.length > 0 && words[words.length - 1].endsWith("...") ? Integer.MAX_VALUE : words.length;
        return new Command(name, arguments, transaction, handler, offeredBy, required, most);
    }

    /** The usage line a store of {@code release} answers a wrong request with (the {@code ERR EINVAL} detail). */
    String usage(Release release) {
        String args = arguments;
        if (offeredBy != null && !offeredBy.test(release)) {
            args = args.substring(0, Math.max(0, args.lastIndexOf(" ["))); // without the last optional one
        }
        return (transaction == InTransaction.REQUIRED ? "T<id> " : "") + name + (args.isEmpty() ? "" : " " + args);
    }

    /** Checks the prefix and the count of {@code request}'s arguments, then runs the handler. */
    Reply run(Request request) {
        if (transaction == InTransaction.REFUSED && request.transaction() != null) {
            throw new StoreException(ErrorCode.EINVAL, name + " inside a transaction");
        }
        int count = request.argumentCount();
        if (transaction == InTransaction.REQUIRED && request.transaction() == null
                || count < minArguments || count > maxArguments) {
            throw request.wrongArguments();
        }
        return handler.handle(request);
    }

    @Override
    public String toString() {
        return usage(Release.current());
    }
}
