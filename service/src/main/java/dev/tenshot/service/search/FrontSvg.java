package dev.tenshot.service.search;

import java.util.Locale;

/**
 * The front as a picture: predicted latency (x) against quality (y); feasible points filled, infeasible hollow,
 * verified points ringed at their measured latency. Plain SVG, no library: a scatter plot needs a few elements.
 */
final class FrontSvg {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 480;
    private static final int MARGIN = 64;

    private FrontSvg() {}

    static String render(FrontResponse front) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (FrontResponse.Point p : front.points()) {
            minX = Math.min(minX, p.latencyMs());
            maxX = Math.max(
                    maxX,
                    p.measuredLatencyMs() == null ? p.latencyMs() : Math.max(p.latencyMs(), p.measuredLatencyMs()));
            minY = Math.min(minY, p.quality());
            maxY = Math.max(maxY, p.quality());
        }
        if (front.points().isEmpty()) {
            minX = minY = 0;
            maxX = maxY = 1;
        }
        double spanX = maxX > minX ? maxX - minX : 1;
        double spanY = maxY > minY ? maxY - minY : 1;
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
                "<text x=\"%d\" y=\"24\" font-size=\"15\">Pareto front of job %s (%d points)</text>%n",
                MARGIN,
                front.jobId(),
                front.points().size()));
        int plotWidth = WIDTH - 2 * MARGIN;
        int plotHeight = HEIGHT - 2 * MARGIN;
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n",
                MARGIN,
                MARGIN,
                plotWidth,
                plotHeight));
        for (int tick = 0; tick <= 4; tick++) {
            double fx = tick / 4.0;
            int x = MARGIN + (int) Math.round(fx * plotWidth);
            int y = HEIGHT - MARGIN - (int) Math.round(fx * plotHeight);
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%.0f</text>%n",
                    x,
                    HEIGHT - MARGIN + 18,
                    minX + fx * spanX));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.3f</text>%n",
                    MARGIN - 6,
                    y + 4,
                    minY + fx * spanY));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">predicted end-to-end latency (ms)</text>%n",
                WIDTH / 2,
                HEIGHT - 16));
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">quality proxy</text>%n",
                HEIGHT / 2,
                HEIGHT / 2));
        for (FrontResponse.Point p : front.points()) {
            double x = MARGIN + (p.latencyMs() - minX) / spanX * plotWidth;
            double y = HEIGHT - MARGIN - (p.quality() - minY) / spanY * plotHeight;
            String style = p.feasible() ? "fill=\"#1f77b4\"" : "fill=\"none\" stroke=\"#d62728\" stroke-width=\"1.5\"";
            svg.append(String.format(
                    Locale.ROOT,
                    "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" %s><title>%.1f ms, quality %.4f</title></circle>%n",
                    p.feasible() ? "feasible" : "infeasible",
                    x,
                    y,
                    style,
                    p.latencyMs(),
                    p.quality()));
            if (p.measuredLatencyMs() != null) {
                double mx = MARGIN + (p.measuredLatencyMs() - minX) / spanX * plotWidth;
                svg.append(String.format(
                        Locale.ROOT,
                        "<circle class=\"verified\" cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"none\" stroke=\"#2ca02c\""
                                + " stroke-width=\"2\"><title>measured %.1f ms</title></circle>%n",
                        mx,
                        y,
                        p.measuredLatencyMs()));
            }
        }
        int legendY = HEIGHT - MARGIN - 52; // bottom right: slow and poor, where a front never goes
        svg.append(String.format(
                Locale.ROOT,
                "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"#1f77b4\"/>" + "<text x=\"%d\" y=\"%d\">feasible</text>%n",
                WIDTH - MARGIN - 110,
                legendY,
                WIDTH - MARGIN - 100,
                legendY + 4));
        svg.append(String.format(
                Locale.ROOT,
                "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"none\" stroke=\"#d62728\"/>"
                        + "<text x=\"%d\" y=\"%d\">infeasible</text>%n",
                WIDTH - MARGIN - 110,
                legendY + 16,
                WIDTH - MARGIN - 100,
                legendY + 20));
        svg.append(String.format(
                Locale.ROOT,
                "<circle cx=\"%d\" cy=\"%d\" r=\"6\" fill=\"none\" stroke=\"#2ca02c\"/>"
                        + "<text x=\"%d\" y=\"%d\">measured</text>%n",
                WIDTH - MARGIN - 110,
                legendY + 32,
                WIDTH - MARGIN - 100,
                legendY + 36));
        svg.append("</svg>\n");
        return svg.toString();
    }
}
