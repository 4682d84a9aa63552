package io.quantsinfra.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Compares two snapshots of the emulator's state ({@code /moto-api/data.json}) and names the paths that
 * differ. Two things change there without any call changing state, and are ignored: EFS's computed
 * {@code size_in_bytes} timestamp, and services the emulator creates empty the first time they are touched.
 */
final class EmulatorState {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmulatorState() {}

    static List<String> differences(String before, String after) {
        try {
            List<String> out = new ArrayList<>();
            walk("", JSON.readTree(before), JSON.readTree(after), out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean holdsRecords(JsonNode n) {
        if (n.isArray()) {
            return !n.isEmpty();
        }
        if (n.isObject()) {
            for (JsonNode child : n) {
                if (holdsRecords(child)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a.equals(b) || path.endsWith("size_in_bytes.Timestamp")) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            Iterator<String> names = a.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                walk(path + "." + n, a.get(n), b.has(n) ? b.get(n) : JSON.nullNode(), out);
            }
            b.fieldNames().forEachRemaining(n -> {
                if (!a.has(n) && holdsRecords(b.get(n))) {
                    out.add(path + "." + n + " added: " + b.get(n));
                }
            });
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                walk(path + "[" + i + "]", a.get(i), b.get(i), out);
            }
        } else {
            String x = a.toString();
            String y = b.toString();
            out.add(path + ": " + (x.length() > 200 ? x.substring(0, 200) : x) + " -> " + (y.length() > 200 ? y.substring(0, 200) : y));
        }
    }
}
