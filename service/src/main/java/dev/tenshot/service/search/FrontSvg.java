package dev.tenshot.service.search;

import java.util.Locale;

/**
 * The front as a picture: latency (x) against quality (y). Each point sits at its predicted latency, filled when
 * feasible and hollow when not, with its 80% interval as a grey whisker; a verified point is linked by a segment to
 * a square at its measured latency, red when the measurement breaks the budget. The budget is a dashed vertical
 * line. Plain SVG, no library: a scatter plot needs a few elements.
 */
final class FrontSvg {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 480;
    private static final int MARGIN = 64;
    private static final int PLOT_WIDTH = WIDTH - 2 * MARGIN;
    private static final int PLOT_HEIGHT = HEIGHT - 2 * MARGIN;
    private static final String FEASIBLE = "#1f77b4";
    private static final String WITHIN = "#2ca02c";
    private static final String BROKEN = "#d62728";

    private FrontSvg() {}

    static String render(FrontResponse front) {
        var scale = Scale.of(front);
        var svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"22\" font-size=\"15\">Pareto front of job %s, round %d (%d points)</text>%n",
                MARGIN,
                front.jobId(),
                front.round(),
                front.points().size()));
        axes(svg, scale);
        if (front.latencyBudgetMs() != null) {
            double x = scale.x(front.latencyBudgetMs());
            svg.append(String.format(
                    Locale.ROOT,
                    "<line class=\"budget\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\""
                            + " stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" fill=\"%s\" text-anchor=\"middle\">budget %.0f ms</text>%n",
                    x,
                    MARGIN,
                    x,
                    HEIGHT - MARGIN,
                    BROKEN,
                    x,
                    MARGIN - 6,
                    BROKEN,
                    front.latencyBudgetMs()));
        }
        for (FrontResponse.Point p : front.points()) {
            point(svg, scale, p);
        }
        legend(svg);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void point(StringBuilder svg, Scale scale, FrontResponse.Point p) {
        double x = scale.x(p.latencyMs());
        double y = scale.y(p.quality());
        if (p.latencyLowerMs() != null && p.latencyUpperMs() != null) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<line class=\"interval\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#bbb\""
                            + " stroke-width=\"3\"/>%n",
                    scale.x(p.latencyLowerMs()),
                    y,
                    scale.x(p.latencyUpperMs()),
                    y));
        }
        Double measured = p.measuredLatencyMs();
        if (measured != null) {
            String colour = Boolean.FALSE.equals(p.meetsBudget()) ? BROKEN : WITHIN;
            double mx = scale.x(measured);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line class=\"verification\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                            + " stroke-width=\"1.5\"/>%n",
                    x,
                    y,
                    mx,
                    y,
                    colour));
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"%s\"><title>measured"
                            + " %.1f ms (predicted %.1f ms)</title></rect>%n",
                    Boolean.FALSE.equals(p.meetsBudget()) ? "measured over-budget" : "measured",
                    mx - 4,
                    y - 4,
                    colour,
                    measured,
                    p.latencyMs()));
        }
        String style = p.feasible()
                ? "fill=\"" + FEASIBLE + "\""
                : "fill=\"white\" stroke=\"" + FEASIBLE + "\" stroke-width=\"1.5\"";
        svg.append(String.format(
                Locale.ROOT,
                "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" %s><title>predicted %.1f ms, quality %.4f"
                        + "</title></circle>%n",
                p.feasible() ? "feasible" : "infeasible",
                x,
                y,
                style,
                p.latencyMs(),
                p.quality()));
    }

    private static void axes(StringBuilder svg, Scale scale) {
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n",
                MARGIN,
                MARGIN,
                PLOT_WIDTH,
                PLOT_HEIGHT));
        for (int tick = 0; tick <= 4; tick++) {
            double fraction = tick / 4.0;
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%.0f</text>%n",
                    MARGIN + Math.round(fraction * PLOT_WIDTH),
                    HEIGHT - MARGIN + 18,
                    scale.minX + fraction * scale.spanX));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.3f</text>%n",
                    MARGIN - 6,
                    HEIGHT - MARGIN - Math.round(fraction * PLOT_HEIGHT) + 4,
                    scale.minY + fraction * scale.spanY));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">end-to-end latency (ms): predicted, and measured"
                        + " once verified</text>%n",
                WIDTH / 2,
                HEIGHT - 16));
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">quality proxy</text>%n",
                HEIGHT / 2,
                HEIGHT / 2));
    }

    /** Bottom right: slow and poor, where a front never goes. */
    private static void legend(StringBuilder svg) {
        int x = WIDTH - MARGIN - 160;
        int y = HEIGHT - MARGIN - 76;
        String[] labels = {
            "predicted, feasible",
            "predicted, infeasible",
            "80% interval",
            "measured, within budget",
            "measured, over budget"
        };
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"166\" height=\"%d\" fill=\"white\" fill-opacity=\"0.85\"/>%n",
                x - 10,
                y - 10,
                16 * labels.length + 4));
        for (int i = 0; i < labels.length; i++) {
            int row = y + 16 * i;
            svg.append(
                            switch (i) {
                                case 0 -> circle(x, row, "fill=\"" + FEASIBLE + "\"");
                                case 1 -> circle(x, row, "fill=\"white\" stroke=\"" + FEASIBLE + "\"");
                                case 2 ->
                                    String.format(
                                            Locale.ROOT,
                                            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#bbb\" stroke-width=\"3\"/>",
                                            x - 7,
                                            row,
                                            x + 7,
                                            row);
                                default -> square(x, row, i == 3 ? WITHIN : BROKEN);
                            })
                    .append(String.format(
                            Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 12, row + 4, labels[i]));
        }
    }

    private static String circle(int x, int y, String style) {
        return String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" %s/>", x, y, style);
    }

    private static String square(int x, int y, String colour) {
        return String.format(
                Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"8\" height=\"8\" fill=\"%s\"/>", x - 4, y - 4, colour);
    }

    /** Data to pixels: the x range covers predictions, intervals, measurements and the budget. */
    private record Scale(double minX, double spanX, double minY, double spanY) {

        static Scale of(FrontResponse front) {
            double minX = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (FrontResponse.Point p : front.points()) {
                for (Double ms :
                        new Double[] {p.latencyMs(), p.latencyLowerMs(), p.latencyUpperMs(), p.measuredLatencyMs()}) {
                    if (ms != null) {
                        minX = Math.min(minX, ms);
                        maxX = Math.max(maxX, ms);
                    }
                }
                minY = Math.min(minY, p.quality());
                maxY = Math.max(maxY, p.quality());
            }
            if (front.latencyBudgetMs() != null) {
                minX = Math.min(minX, front.latencyBudgetMs());
                maxX = Math.max(maxX, front.latencyBudgetMs());
            }
            if (front.points().isEmpty()) {
                minX = minY = 0;
                maxX = maxY = 1;
            }
            double spanX = maxX > minX ? maxX - minX : 1;
            double spanY = maxY > minY ? maxY - minY : 1;
            // a margin inside the frame, so that no marker sits on it
            return new Scale(minX - 0.04 * spanX, 1.08 * spanX, minY - 0.05 * spanY, 1.1 * spanY);
        }

        double x(double ms) {
            return MARGIN + (ms - minX) / spanX * PLOT_WIDTH;
        }

        double y(double quality) {
            return HEIGHT - MARGIN - (quality - minY) / spanY * PLOT_HEIGHT;
        }
    }
}
