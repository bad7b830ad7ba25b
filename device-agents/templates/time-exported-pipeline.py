#!/usr/bin/env python3
"""Times a pipeline written by `tenshot-agent export` with a vendor tool and prints tenshot's jsonl timing format
(device-agents/src/main/resources/dev/tenshot/agent/command/FORMAT.md), for the `command` runner with `--parser jsonl`.

NOT RUN IN THIS REPOSITORY'S CI: the tools (QNN SDK, TensorRT, ONNX Runtime with the QNN EP, Qualcomm AI Hub) are not
on the build machine. The command lines follow each tool's documentation; see ../docs/vendor-toolchains.md.

Usage: time-exported-pipeline.py --tool trtexec|qnn-adb|ort-qnn|aihub --export DIR [--repeats N] [--device NAME]
       [--work DIR] [--device-dir DIR (qnn-adb)]
"""
import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

JSONL_STAGE = {"textEncoder": "text_encoder", "vaeDecoder": "vae_decoder", "superResolution": "super_resolution"}


def run(cmd):
    print("+ " + " ".join(cmd), file=sys.stderr)
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def trtexec_ms(model, args):
    out = run(["trtexec", f"--onnx={model}", f"--iterations={args.repeats}", "--warmUp=500", "--noDataTransfers"])
    match = re.search(r"GPU Compute Time: .*?median = ([0-9.]+) ms", out)
    if not match:
        raise SystemExit(f"no 'GPU Compute Time ... median' in trtexec output for {model}")
    return float(match.group(1))


def qnn_adb_ms(model, args):
    work = Path(args.work) / model.stem
    work.mkdir(parents=True, exist_ok=True)
    run(["qnn-onnx-converter", "--input_network", str(model), "--output_path", str(work / "model.cpp")])
    run(["qnn-model-lib-generator", "-c", str(work / "model.cpp"), "-b", str(work / "model.bin"),
         "-o", str(work / "lib"), "-t", "aarch64-android"])
    run(["qnn-context-binary-generator", "--backend", "libQnnHtp.so", "--model",
         str(work / "lib" / "aarch64-android" / "libmodel.so"), "--binary_file", "model", "--output_dir", str(work)])
    remote = f"{args.device_dir}/tenshot/{model.stem}"
    qnn = f"{args.device_dir}/qnn"
    run(["adb", "shell", "mkdir", "-p", remote])
    run(["adb", "push", str(work / "model.bin"), remote])
    run(["adb", "shell", f"cd {remote} && LD_LIBRARY_PATH={qnn} ADSP_LIBRARY_PATH={qnn}"
         f" {qnn}/qnn-net-run --backend libQnnHtp.so --retrieve_context model.bin"
         f" --input_list inputs.txt --num_inferences {args.repeats} --profiling_level basic --output_dir out"])
    run(["adb", "pull", f"{remote}/out/qnn-profiling-data_0.log", str(work)])
    report = run(["qnn-profile-viewer", "--input_log", str(work / "qnn-profiling-data_0.log")])
    # the Execute Stats (Average) section's NetRun line, in microseconds
    match = re.search(r"Execute Stats \(Average\):.*?NetRun: ([0-9]+) us", report, re.S)
    if not match:
        raise SystemExit(f"no average NetRun in qnn-profile-viewer report for {model}")
    return int(match.group(1)) / 1000.0


def ort_qnn_ms(model, args):
    import numpy as np
    import onnxruntime as ort
    session = ort.InferenceSession(str(model), providers=["QNNExecutionProvider"],
                                   provider_options=[{"backend_path": "QnnHtp.dll"}])
    feed = {i.name: np.random.default_rng(1).standard_normal(i.shape).astype(np.float32) for i in session.get_inputs()}
    session.run(None, feed)
    times = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        session.run(None, feed)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def aihub_ms(model, args):
    import qai_hub as hub
    job = hub.submit_profile_job(model=str(model), device=hub.Device(args.device))
    profile = job.download_profile()
    # estimated_inference_time is in microseconds
    return profile["execution_summary"]["estimated_inference_time"] / 1000.0


TOOLS = {"trtexec": trtexec_ms, "qnn-adb": qnn_adb_ms, "ort-qnn": ort_qnn_ms, "aihub": aihub_ms}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", required=True, choices=sorted(TOOLS))
    parser.add_argument("--export", required=True, type=Path, help="directory written by tenshot-agent export")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--device", default="Snapdragon 8 Elite QRD", help="aihub: device name")
    parser.add_argument("--work", default="qnn-work", help="qnn-adb: host working directory")
    parser.add_argument("--device-dir",
                        help="qnn-adb: a writable directory on the device; the QNN libraries and qnn-net-run are"
                             " expected in its qnn/ subdirectory")
    args = parser.parse_args()
    if args.tool == "qnn-adb" and not args.device_dir:
        parser.error("--tool qnn-adb needs --device-dir")
    manifest = json.loads((args.export / "manifest.json").read_text())
    print(json.dumps({"repeats": args.repeats, "statistic": "median", "runtime": args.tool}))
    stage_ms = {}
    total = 0.0
    for entry in manifest["models"]:
        ms = TOOLS[args.tool](args.export / entry["file"], args)
        runs = entry["runsPerGeneration"]
        total += ms * runs
        print(json.dumps({"model": entry["file"], "ms_per_run": ms, "runs": runs}))  # a log line for people
        if entry["stage"].startswith("denoiser"):
            for _ in range(runs):
                print(json.dumps({"stage": "denoiser_call", "ms": ms}))
        elif entry["stage"] in JSONL_STAGE:
            key = JSONL_STAGE[entry["stage"]]
            stage_ms[key] = stage_ms.get(key, 0.0) + ms * runs
        # firstFrameGenerator has no jsonl stage: it counts in end_to_end only
    for key, ms in stage_ms.items():
        print(json.dumps({"stage": key, "ms": ms}))
    print(json.dumps({"stage": "end_to_end", "ms": total}))


if __name__ == "__main__":
    main()
