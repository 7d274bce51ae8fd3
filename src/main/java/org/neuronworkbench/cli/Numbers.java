package org.neuronworkbench.cli;

import picocli.CommandLine.TypeConversionException;

/**
 * Number options: a value that is not a number, or does not fit the type, is refused with the
 * allowed range in words. Ranges that depend on the option are checked by {@link Limits}.
 */
final class Numbers {
    private Numbers() {
    }

    static Integer parseInt(String s) {
        long v = parseLong(s);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new TypeConversionException("'" + s + "' is out of range (" + Integer.MIN_VALUE + ".." + Integer.MAX_VALUE + ")");
        }
        return (int) v;
    }

    static Long parseLong(String s) {
        String t = s.strip();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            if (t.matches("[+-]?\\d+")) {
                throw new TypeConversionException("'" + s + "' is out of range (" + Long.MIN_VALUE + ".." + Long.MAX_VALUE + ")");
            }
            throw new TypeConversionException("'" + s + "' is not a whole number");
        }
    }

    static Double parseDouble(String s) {
        double v;
        try {
            v = Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + s + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new TypeConversionException("'" + s + "' is not a finite number");
        }
        return v;
    }
}
