package org.neuronworkbench.cli;

/**
 * Range checks for number options, run at the start of a command before any model or index is
 * opened, so a bad value costs nothing and never fails deep inside the work (an overflowing
 * array size, a negative limit that silently returns nothing). The message gives the range.
 */
final class Limits {
    private Limits() {
    }

    static int check(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " is " + value + "; it must be between " + min + " and " + max);
        }
        return value;
    }

    static double check(String option, double value, double min, double max) {
        if (!(value >= min && value <= max)) { // also refuses NaN
            throw new IllegalArgumentException(option + " is " + value + "; it must be between " + min + " and " + max);
        }
        return value;
    }

    /** A value that must be strictly above {@code min}, e.g. a step size or a font size. */
    static double checkAbove(String option, double value, double min, double max) {
        if (!(value > min && value <= max)) {
            throw new IllegalArgumentException(option + " is " + value + "; it must be above " + min + " and at most " + max);
        }
        return value;
    }
}
