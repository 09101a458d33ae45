#!/usr/bin/env python3
"""Tiny, real seed files for the fuzzers (fuzz/run.ts): every structure the parsers know, in a few KB each,
so that mutations land on headers, lengths and opcodes rather than on megabytes of weights.

Needs PyTorch and Pillow (Debian: apt-get install python3-torch), run with /usr/bin/python3:
    /usr/bin/python3 fuzz/corpus/make_corpus.py fuzz/corpus
"""
import collections
import io
import json
import os
import struct
import sys

import torch
from PIL import Image


def tensors():
    """A state_dict with every layout the readers handle: dtypes, views, offsets, shared storage, scalars."""
    torch.manual_seed(0)
    base = torch.randn(4, 6)
    return collections.OrderedDict(
        [
            ("conv1.weight", torch.randn(2, 1, 3, 3)),
            ("bn1.running_mean", torch.randn(2).half()),
            ("bn1.running_var", torch.rand(2).bfloat16()),
            ("bn1.num_batches_tracked", torch.tensor(7)),
            ("fc.weight", base.t()),  # non-contiguous view
            ("fc.bias", base[1, 2:5]),  # storage offset into a shared storage
            ("mask", torch.tensor([True, False, True])),
            ("codes", torch.tensor([-3, 0, 250], dtype=torch.int16)),
            ("stats", torch.tensor([0.5, 1.5], dtype=torch.float64)),
        ]
    )


def write_torch(out):
    sd = tensors()
    torch.save(sd, os.path.join(out, "state-zip.pth"))
    torch.save(sd, os.path.join(out, "state-legacy.th"), _use_new_zipfile_serialization=False)
    wrapped = {"epoch": 3, "best_prec1": 91.5, "arch": "tiny", "state_dict": {"module." + k: v for k, v in sd.items()}}
    torch.save(wrapped, os.path.join(out, "wrapped-zip.pth"), pickle_protocol=4)
    torch.save(wrapped, os.path.join(out, "wrapped-legacy.th"), _use_new_zipfile_serialization=False)


def write_safetensors(out):
    """The safetensors layout by its specification: u64 header length, JSON header, data."""
    torch.manual_seed(1)
    items = [("conv.weight", "F32", torch.randn(2, 1, 3, 3)), ("bn.num", "I64", torch.tensor([7])),
             ("half", "F16", torch.randn(3).half()), ("flag", "BOOL", torch.tensor([True, False]))]
    header, data = {"__metadata__": {"format": "pt"}}, b""
    for name, dtype, t in items:
        raw = t.contiguous().numpy().tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(os.path.join(out, "tiny.safetensors"), "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)


class Tiny(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 4, 3, padding=1)
        self.bn = torch.nn.BatchNorm2d(4)
        self.fc = torch.nn.Linear(4, 3)

    def forward(self, x):
        x = torch.relu(self.bn(self.conv(x)))
        return self.fc(torch.flatten(torch.nn.functional.adaptive_avg_pool2d(x, 1), 1))


def write_onnx(out):
    torch.manual_seed(2)
    model = Tiny().eval()
    torch.onnx.export(model, torch.randn(1, 3, 8, 8), os.path.join(out, "tiny.onnx"), opset_version=17,
                      input_names=["input"], output_names=["logits"], dynamic_axes={"input": {0: "N"}})


def exif(orientation):
    e = Image.Exif()
    e[0x0112] = orientation
    return e


def write_images(out):
    """Small images in every variant the CLI decodes, some with EXIF orientation."""
    rgb = Image.new("RGB", (8, 6))
    rgb.putdata([((x * 37) % 256, (y * 53) % 256, (x * y * 11) % 256) for y in range(6) for x in range(8)])
    rgb.save(os.path.join(out, "rgb.png"))
    rgb.save(os.path.join(out, "exif6.png"), exif=exif(6))
    rgb.convert("RGBA").save(os.path.join(out, "rgba-interlaced.png"), interlace=1)
    rgb.convert("P").save(os.path.join(out, "palette.png"))
    rgb.convert("L").save(os.path.join(out, "gray.png"))
    rgb.save(os.path.join(out, "baseline.jpg"), quality=80)
    rgb.save(os.path.join(out, "exif8.jpg"), quality=80, exif=exif(8))
    rgb.save(os.path.join(out, "progressive.jpg"), quality=80, progressive=True)
    rgb.save(os.path.join(out, "rgb24.bmp"))
    rgb.save(os.path.join(out, "exif3.webp"), exif=exif(3))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    os.makedirs(sys.argv[1], exist_ok=True)
    write_torch(sys.argv[1])
    write_safetensors(sys.argv[1])
    write_onnx(sys.argv[1])
    write_images(sys.argv[1])
