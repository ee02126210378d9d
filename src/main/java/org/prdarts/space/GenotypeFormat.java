package org.prdarts.space;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The DARTS text form of a genotype, as Python prints the DARTS {@code Genotype} namedtuple:
 * <pre>
 * Genotype(normal=[('sep_conv_3x3', 1), ...], normal_concat=[2, 3, 4, 5], reduce=[...], reduce_concat=[2, 3, 4, 5])
 * </pre>
 * {@link #format} writes exactly that; {@link #parse} reads it back with a small tokenizer and
 * recursive-descent parser (user text is never evaluated). Besides the canonical form the parser
 * accepts what DARTS scripts and logs actually contain:
 * <ul>
 *   <li>single or double quotes, any whitespace including newlines, trailing commas;</li>
 *   <li>the fields with or without the {@code Genotype(...)} wrapper, by keyword in any order or
 *       positionally in namedtuple order, and an optional leading {@code NAME = } assignment as
 *       written in DARTS' genotypes.py;</li>
 *   <li>a pair as a tuple {@code ('op', 1)} or a list {@code ['op', 1]};</li>
 *   <li>a concat as a list, a tuple or {@code range(start, stop[, step])}, which is what
 *       DARTS' {@code genotype()} prints under Python 3: {@code normal_concat=range(2, 6)}.</li>
 * </ul>
 * Parsed genotypes are validated against the registered operations ({@link GenotypeValidator}).
 */
public final class GenotypeFormat {
    /** Field names of the DARTS namedtuple, in its positional order. */
    private enum Field {
        NORMAL("normal"), NORMAL_CONCAT("normal_concat"), REDUCE("reduce"), REDUCE_CONCAT("reduce_concat");

        final String key;

        Field(String key) {
            this.key = key;
        }

        boolean isCell() {
            return this == NORMAL || this == REDUCE;
        }

        static Field byKey(String key) {
            for (Field f : values()) {
                if (f.key.equals(key)) {
                    return f;
                }
            }
            return null;
        }
    }

    /** A range() longer than this cannot be a concat list and would only waste memory. */
    private static final int MAX_RANGE = 1024;

    private GenotypeFormat() {
    }

    /** The canonical DARTS text of a genotype (one line, single quotes, concat as lists). */
    public static String format(Genotype genotype) {
        return "Genotype(normal=" + formatCell(genotype.normal())
                + ", normal_concat=" + formatConcat(genotype.normalConcat())
                + ", reduce=" + formatCell(genotype.reduce())
                + ", reduce_concat=" + formatConcat(genotype.reduceConcat()) + ")";
    }

    /** One cell as DARTS prints it: {@code [('sep_conv_3x3', 1), ('skip_connect', 0)]}. */
    public static String formatCell(List<Genotype.Pair> cell) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < cell.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Genotype.Pair p = cell.get(i);
            sb.append("('").append(p.op()).append("', ").append(p.input()).append(')');
        }
        return sb.append(']').toString();
    }

    private static String formatConcat(List<Integer> concat) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < concat.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(concat.get(i));
        }
        return sb.append(']').toString();
    }

    /**
     * Parses DARTS notation and validates the result against the DARTS operation set.
     *
     * @throws GenotypeException with the line/column of a syntax error, or the validator's message
     */
    public static Genotype parse(String text) {
        return GenotypeValidator.validate(parseUnchecked(text));
    }

    /** Parses the syntax only; the caller validates (e.g. against a reduced operation set). */
    public static Genotype parseUnchecked(String text) {
        if (text == null || text.isBlank()) {
            throw new GenotypeException("genotype text is empty");
        }
        return new Parser(text, new Lexer(text).tokens()).document();
    }

    // ---------------------------------------------------------------- tokens

    private enum Kind {
        IDENT, STRING, INT, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, EQUALS, EOF
    }

    private record Token(Kind kind, String text, int offset) {
        String describe() {
            switch (kind) {
                case EOF:
                    return "end of text";
                case STRING:
                    return "string '" + abbreviate(text) + "'";
                default:
                    return "'" + abbreviate(text) + "'";
            }
        }

        private static String abbreviate(String s) {
            return s.length() > 24 ? s.substring(0, 24) + "..." : s;
        }
    }

    private static String position(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = offset - lineStart + 1;
        return text.indexOf('\n') < 0 ? "column " + column : "line " + line + ", column " + column;
    }

    private static final class Lexer {
        private final String text;
        private int pos;

        Lexer(String text) {
            this.text = text;
        }

        List<Token> tokens() {
            List<Token> out = new ArrayList<>();
            while (true) {
                while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                    pos++;
                }
                if (pos >= text.length()) {
                    out.add(new Token(Kind.EOF, "", pos));
                    return out;
                }
                out.add(next());
            }
        }

        private Token next() {
            int start = pos;
            char c = text.charAt(pos);
            switch (c) {
                case '(':
                    pos++;
                    return new Token(Kind.LPAREN, "(", start);
                case ')':
                    pos++;
                    return new Token(Kind.RPAREN, ")", start);
                case '[':
                    pos++;
                    return new Token(Kind.LBRACKET, "[", start);
                case ']':
                    pos++;
                    return new Token(Kind.RBRACKET, "]", start);
                case ',':
                    pos++;
                    return new Token(Kind.COMMA, ",", start);
                case '=':
                    pos++;
                    return new Token(Kind.EQUALS, "=", start);
                case '\'':
                case '"':
                    return string(c);
                default:
                    break;
            }
            if (Character.isDigit(c) || (c == '-' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
                pos++;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
                return new Token(Kind.INT, text.substring(start, pos), start);
            }
            if (Character.isLetter(c) || c == '_') {
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                    pos++;
                }
                return new Token(Kind.IDENT, text.substring(start, pos), start);
            }
            throw new GenotypeException("genotype text: unexpected character '" + c + "' at " + position(text, start));
        }

        private Token string(char quote) {
            int start = pos;
            pos++;
            StringBuilder sb = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == quote) {
                    pos++;
                    return new Token(Kind.STRING, sb.toString(), start);
                }
                if (c == '\\') {
                    throw new GenotypeException("genotype text: escape sequences are not supported in op names, at "
                            + position(text, pos));
                }
                if (c == '\n') {
                    break;
                }
                sb.append(c);
                pos++;
            }
            throw new GenotypeException("genotype text: unterminated string starting at " + position(text, start));
        }
    }

    // ---------------------------------------------------------------- parser

    private static final class Parser {
        private final String text;
        private final List<Token> tokens;
        private int pos;

        Parser(String text, List<Token> tokens) {
            this.text = text;
            this.tokens = tokens;
        }

        Genotype document() {
            // "DARTS_V2 = Genotype(...)" as written in genotypes.py
            if (peek(0).kind == Kind.IDENT && peek(1).kind == Kind.EQUALS
                    && peek(2).kind == Kind.IDENT && peek(2).text.equals("Genotype")) {
                pos += 2;
            }
            Map<Field, Object> values;
            if (peek(0).kind == Kind.IDENT && peek(0).text.equals("Genotype") && peek(1).kind == Kind.LPAREN) {
                pos += 2;
                values = arguments(Kind.RPAREN);
                expect(Kind.RPAREN, "')' closing Genotype(");
            } else {
                values = arguments(Kind.EOF);
            }
            expect(Kind.EOF, "end of text");
            for (Field f : Field.values()) {
                if (!values.containsKey(f)) {
                    throw new GenotypeException("genotype text: missing field " + f.key);
                }
            }
            return new Genotype(cell(values.get(Field.NORMAL)), ints(values.get(Field.NORMAL_CONCAT)),
                    cell(values.get(Field.REDUCE)), ints(values.get(Field.REDUCE_CONCAT)));
        }

        @SuppressWarnings("unchecked")
        private static List<Genotype.Pair> cell(Object o) {
            return (List<Genotype.Pair>) o;
        }

        @SuppressWarnings("unchecked")
        private static List<Integer> ints(Object o) {
            return (List<Integer>) o;
        }

        /** Python call arguments: positional ones first, then keyword ones, each field once. */
        private Map<Field, Object> arguments(Kind end) {
            Map<Field, Object> values = new EnumMap<>(Field.class);
            int positional = 0;
            boolean keywordSeen = false;
            while (peek(0).kind != end) {
                Field field;
                Token at = peek(0);
                if (at.kind == Kind.IDENT && peek(1).kind == Kind.EQUALS) {
                    field = Field.byKey(at.text);
                    if (field == null) {
                        throw error("unknown field '" + at.text + "', expected one of normal, normal_concat, "
                                + "reduce, reduce_concat", at);
                    }
                    pos += 2;
                    keywordSeen = true;
                } else {
                    if (keywordSeen) {
                        throw error("positional value after a keyword field", at);
                    }
                    if (positional >= Field.values().length) {
                        throw error("too many values, a genotype has 4 fields", at);
                    }
                    field = Field.values()[positional++];
                }
                if (values.containsKey(field)) {
                    throw error("field " + field.key + " given twice", at);
                }
                values.put(field, field.isCell() ? pairs(field) : concat(field));
                if (peek(0).kind == Kind.COMMA) {
                    pos++;
                } else {
                    break;
                }
            }
            return values;
        }

        private List<Genotype.Pair> pairs(Field field) {
            expect(Kind.LBRACKET, "'[' starting the " + field.key + " list");
            List<Genotype.Pair> out = new ArrayList<>();
            while (peek(0).kind != Kind.RBRACKET) {
                out.add(pair(field));
                if (peek(0).kind == Kind.COMMA) {
                    pos++;
                } else {
                    break;
                }
            }
            expect(Kind.RBRACKET, "',' or ']' in the " + field.key + " list");
            return out;
        }

        private Genotype.Pair pair(Field field) {
            Token open = next();
            Kind close;
            if (open.kind == Kind.LPAREN) {
                close = Kind.RPAREN;
            } else if (open.kind == Kind.LBRACKET) {
                close = Kind.RBRACKET;
            } else {
                throw error("expected an (op, input) pair in " + field.key, open);
            }
            Token op = expect(Kind.STRING, "a quoted op name in " + field.key);
            expect(Kind.COMMA, "',' after the op name in " + field.key);
            int input = integer(expect(Kind.INT, "an integer input index in " + field.key));
            if (peek(0).kind == Kind.COMMA) {
                pos++;
            }
            expect(close, "'" + (close == Kind.RPAREN ? ")" : "]") + "' closing an (op, input) pair in " + field.key);
            return new Genotype.Pair(op.text, input);
        }

        private List<Integer> concat(Field field) {
            Token t = peek(0);
            if (t.kind == Kind.IDENT && t.text.equals("range")) {
                pos++;
                return range(field);
            }
            Kind close;
            if (t.kind == Kind.LBRACKET) {
                close = Kind.RBRACKET;
            } else if (t.kind == Kind.LPAREN) {
                close = Kind.RPAREN;
            } else {
                throw error("expected a list or range(...) for " + field.key, t);
            }
            pos++;
            List<Integer> out = new ArrayList<>();
            while (peek(0).kind != close) {
                out.add(integer(expect(Kind.INT, "an integer in " + field.key)));
                if (peek(0).kind == Kind.COMMA) {
                    pos++;
                } else {
                    break;
                }
            }
            expect(close, "',' or closing bracket in " + field.key);
            return out;
        }

        private List<Integer> range(Field field) {
            Token open = expect(Kind.LPAREN, "'(' after range in " + field.key);
            List<Integer> args = new ArrayList<>();
            while (peek(0).kind != Kind.RPAREN) {
                args.add(integer(expect(Kind.INT, "an integer argument of range in " + field.key)));
                if (peek(0).kind == Kind.COMMA) {
                    pos++;
                } else {
                    break;
                }
            }
            expect(Kind.RPAREN, "')' closing range in " + field.key);
            if (args.isEmpty() || args.size() > 3) {
                throw error("range takes 1 to 3 integers, found " + args.size() + " in " + field.key, open);
            }
            long start = args.size() == 1 ? 0 : args.get(0);
            long stop = args.size() == 1 ? args.get(0) : args.get(1);
            long step = args.size() == 3 ? args.get(2) : 1;
            if (step == 0) {
                throw error("range step must not be 0 in " + field.key, open);
            }
            List<Integer> out = new ArrayList<>();
            for (long v = start; step > 0 ? v < stop : v > stop; v += step) {
                if (out.size() >= MAX_RANGE) {
                    throw error("range in " + field.key + " yields more than " + MAX_RANGE + " values", open);
                }
                out.add((int) v);
            }
            return out;
        }

        private int integer(Token t) {
            try {
                return Integer.parseInt(t.text);
            } catch (NumberFormatException e) {
                throw error("integer out of range " + t.text, t);
            }
        }

        private Token peek(int ahead) {
            return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
        }

        private Token next() {
            Token t = peek(0);
            if (pos < tokens.size() - 1) {
                pos++;
            }
            return t;
        }

        private Token expect(Kind kind, String what) {
            Token t = peek(0);
            if (t.kind != kind) {
                throw error("expected " + what + ", found " + t.describe(), t);
            }
            next();
            return t;
        }

        private GenotypeException error(String message, Token at) {
            return new GenotypeException("genotype text: " + message + " at " + position(text, at.offset));
        }
    }
}
