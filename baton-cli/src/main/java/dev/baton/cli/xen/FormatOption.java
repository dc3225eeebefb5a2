package dev.baton.cli.xen;

import dev.baton.xen.XenFormat;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine;

/** The {@code --format} values, lower case, as picocli shows and takes them. */
final class FormatOption {
    private FormatOption() {
    }

    static final class Converter implements CommandLine.ITypeConverter<XenFormat> {
        @Override
        public XenFormat convert(String value) {
            for (XenFormat f : XenFormat.values()) {
                if (f.id().equals(value)) {
                    return f;
                }
            }
            throw new CommandLine.TypeConversionException("expected one of xenstore, libxc, libxl but was '" + value
                    + "'");
        }
    }

    static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("xenstore", "libxc", "libxl").iterator();
        }
    }
}
