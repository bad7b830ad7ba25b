package dev.tenshot.agent.onnx;

import dev.tenshot.space.mmdit.BaseModel;
import java.util.List;
import org.tribuo.util.onnx.ONNXRef;

/**
 * The ONNX graph of one fixed-stage network of the base model (text encoder, UNet, VAE, super-resolution), built
 * from its shape in the base-model descriptor at a {@link ScaledShapes scale}, with synthetic weights. One graph is
 * one run (e.g. one UNet step); the stage's {@code runs} say how many a generation needs.
 *
 * <p>A transformer takes {@value #INPUT} {@code [1, tokens, hidden]} (token embeddings) and returns {@value #OUTPUT}
 * of the same shape. A convnet takes NCHW {@code [batch, inChannels, height, width]}; its output's height and width
 * follow from its levels ({@code down} halves them, {@code up} doubles them) and its depth-to-space factor.
 */
final class NetworkGraph {

    static final String INPUT = "input";
    static final String OUTPUT = "output";

    private NetworkGraph() {}

    static OnnxModel of(BaseModel.Network network, ScaledShapes shapes, long seed) {
        return switch (network) {
            case BaseModel.Transformer transformer -> transformer(transformer, shapes, seed);
            case BaseModel.ConvNet convNet -> convNet(convNet, shapes, seed);
        };
    }

    private static OnnxModel transformer(BaseModel.Transformer network, ScaledShapes shapes, long seed) {
        int hidden = shapes.attentionWidth(network.hidden());
        int mlpHidden = (int) Math.max(1, Math.round(network.mlpHidden() * (double) hidden / network.hidden()));
        int tokens = shapes.textTokens(network.tokens());
        var graph = new GraphBuilder();
        ONNXRef<?> x = graph.input(INPUT);
        for (int layer = 0; layer < network.layers(); layer++) {
            x = graph.transformerLayer("l" + layer, x, hidden, mlpHidden);
        }
        x = graph.layerNorm("final_ln", x, hidden);
        var port = new OnnxModel.Port(INPUT, 1, tokens, hidden);
        return graph.build(
                network.name(),
                List.of(port),
                List.of(new OnnxModel.Port(OUTPUT, 1, tokens, hidden)),
                List.of(x),
                seed);
    }

    private static OnnxModel convNet(BaseModel.ConvNet network, ScaledShapes shapes, long seed) {
        var graph = new GraphBuilder();
        long batch = network.batch();
        long height = shapes.side(network.height());
        long width = shapes.side(network.width());
        var input = new OnnxModel.Port(INPUT, batch, network.inChannels(), height, width);
        ONNXRef<?> x = graph.input(INPUT);
        long channels = shapes.width(network.levels().getFirst().channels());
        x = graph.silu("in_act", graph.conv3x3("in_conv", x, network.inChannels(), channels, 1));
        int levelIndex = 0;
        for (BaseModel.Level level : network.levels()) {
            String name = "level" + levelIndex++;
            long levelChannels = shapes.width(level.channels());
            switch (level.resample()) {
                case "down" -> {
                    x = graph.conv3x3(name + "_down", x, channels, levelChannels, 2);
                    channels = levelChannels;
                    height = (height + 1) / 2;
                    width = (width + 1) / 2;
                }
                case "up" -> {
                    x = graph.upsample(name + "_up", x);
                    height *= 2;
                    width *= 2;
                }
                default -> {} // "none": the level's first convolution changes the channels
            }
            for (int conv = 0; conv < level.convs(); conv++) {
                x = graph.silu(
                        name + "_act" + conv, graph.conv3x3(name + "_conv" + conv, x, channels, levelChannels, 1));
                channels = levelChannels;
            }
            if (level.transformers() > 0) {
                x = transformersOverPixels(graph, name, x, level.transformers(), batch, channels, height, width);
            }
        }
        int factor = network.depthToSpace();
        x = graph.conv3x3("out_conv", x, channels, (long) network.outChannels() * factor * factor, 1);
        if (factor > 1) {
            x = graph.op(
                    OnnxOp.DEPTH_TO_SPACE, "depth_to_space", java.util.Map.of("blocksize", factor, "mode", "CRD"), x);
        }
        var output = new OnnxModel.Port(OUTPUT, batch, network.outChannels(), height * factor, width * factor);
        return graph.build(network.name(), List.of(input), List.of(output), List.of(x), seed);
    }

    /** The level's pixels as tokens through transformer layers (MLP 4x), and back to NCHW. */
    private static ONNXRef<?> transformersOverPixels(
            GraphBuilder graph,
            String name,
            ONNXRef<?> x,
            int layers,
            long batch,
            long channels,
            long height,
            long width) {
        ONNXRef<?> tokens = graph.transpose(
                name + "_to_tokens", graph.reshape(name + "_flat", x, batch, channels, height * width), 0, 2, 1);
        for (int layer = 0; layer < layers; layer++) {
            tokens = graph.transformerLayer(name + "_t" + layer, tokens, (int) channels, (int) (4 * channels));
        }
        ONNXRef<?> pixels = graph.transpose(name + "_to_pixels", tokens, 0, 2, 1);
        return graph.reshape(name + "_unflat", pixels, batch, channels, height, width);
    }
}
