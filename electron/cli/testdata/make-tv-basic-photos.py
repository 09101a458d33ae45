"""PyTorch's top-5 for the random-init torchvision checkpoint tv-basic-1111-c10.pth on the fixture photos.

ResNet(BasicBlock, [1, 1, 1, 1], num_classes=10) with the checkpoint's weights, eval mode, torchvision's
ImageNet eval transform (EXIF orientation applied, RGB, Resize(256), CenterCrop(224), ToTensor, Normalize).
Run with Debian's PyTorch 1.13 / torchvision 0.14: /usr/bin/python3 make-tv-basic-photos.py > tv-basic-photos.json
"""
import json
import os
import sys

import torch
from PIL import Image, ImageOps
from torchvision import transforms
from torchvision.models.resnet import BasicBlock, ResNet

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.join(HERE, "..", "..", "..")
CKPT = os.path.join(REPO, "..", "shared", "fixtures", "torch", "checkpoints", "tv-basic-1111-c10.pth")
PHOTOS = ["chelsea.png", "coffee.png", "astronaut.png"]

torch.set_num_threads(1)
model = ResNet(BasicBlock, [1, 1, 1, 1], num_classes=10)
model.load_state_dict(torch.load(CKPT, map_location="cpu"))
model.eval()
transform = transforms.Compose(
    [
        transforms.Resize(256),
        transforms.CenterCrop(224),
        transforms.ToTensor(),
        transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
    ]
)
out = {"torch": torch.__version__, "checkpoint": "tv-basic-1111-c10.pth", "images": {}}
for name in PHOTOS:
    img = ImageOps.exif_transpose(Image.open(os.path.join(REPO, "fixtures", "images", "photos", name))).convert("RGB")
    with torch.no_grad():
        logits = model(transform(img).unsqueeze(0))[0]
    probs = torch.softmax(logits.double(), 0)
    top = torch.topk(probs, 5)
    out["images"][name] = {
        "logits": logits.tolist(),
        "top": [{"index": int(i), "probability": float(p)} for p, i in zip(top.values, top.indices)],
    }
json.dump(out, sys.stdout, indent=1)
print()
