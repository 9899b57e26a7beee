package dev.evbus.pipeline.jq;

/**
 * jackson-jq reads an integer literal with {@code Long.parseLong}, so one past 64 bits
 * ({@code 123456789012345678901234567890}) cannot be compiled at all. jq reads every literal as a
 * double: such a literal is given a {@code .0} here, outside strings and comments, so it compiles
 * to the same double jq computes with.
 */
final class NumberLiterals {
    private NumberLiterals() {
    }

    static String widen(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            int from = i;
            char c = source.charAt(i);
            if (c == '"') {
                i = afterString(source, i);
            } else if (c == '#') {
                int newline = source.indexOf('\n', i);
                i = newline < 0 ? source.length() : newline;
            } else if (isNamePart(c) && !Character.isDigit(c)) {
                while (i < source.length() && isNamePart(source.charAt(i))) {
                    i++;
                }
            } else if (Character.isDigit(c)) {
                while (i < source.length() && Character.isDigit(source.charAt(i))) {
                    i++;
                }
                boolean integer = i == source.length() || ".eE".indexOf(source.charAt(i)) < 0;
                if (integer && !fitsLong(source.substring(from, i))) {
                    out.append(source, from, i).append(".0");
                    continue;
                }
                while (i < source.length() && (Character.isDigit(source.charAt(i)) || ".eE".indexOf(source.charAt(i)) >= 0
                        || (source.charAt(i) == '+' || source.charAt(i) == '-') && "eE".indexOf(source.charAt(i - 1)) >= 0)) {
                    i++;
                }
            } else {
                i++;
            }
            out.append(source, from, Math.min(i, source.length()));
        }
        return out.toString();
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@';
    }

    private static int afterString(String source, int quote) {
        int i = quote + 1;
        while (i < source.length() && source.charAt(i) != '"') {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static boolean fitsLong(String digits) {
        try {
            Long.parseLong(digits);
            return true;
        } catch (NumberFormatException tooLong) {
            return false;
        }
    }
}
