package io.quantsinfra.core.secret;

/**
 * The pluggable test step of a rotation: given the candidate value, throw when it would not work (e.g. an
 * exchange rejects the new key). The default accepts every value that passed the shape check.
 */
@FunctionalInterface
public interface SecretTest {
    SecretTest ACCEPT = (name, candidate) -> { };

    void test(String name, SecretValue candidate);
}
