package io.quantsinfra.core.template;

/** A token inside a Go-template action. {@code text} of a STRING is its unquoted value; of a VAR, the name without $. */
record Tok(Type type, String text) {
    enum Type { FIELD, VAR, STRING, NUMBER, IDENT, PIPE, LPAREN, RPAREN, DECLARE, ASSIGN, COMMA }
}
