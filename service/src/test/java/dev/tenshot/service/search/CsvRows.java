package dev.tenshot.service.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the front's CSV back, checking that every row has the header's fields. */
final class CsvRows {

    private CsvRows() {}

    /** RFC 4180 as the export writes it: a header, then rows whose quoted fields double their quotes. */
    static List<Map<String, String>> parse(String csv) {
        List<String> lines = csv.lines().toList();
        List<String> header = fields(lines.getFirst());
        var rows = new ArrayList<Map<String, String>>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> fields = fields(line);
            assertThat(fields).as("fields of %s", line).hasSameSizeAs(header);
            var row = new LinkedHashMap<String, String>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), fields.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> fields(String line) {
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
