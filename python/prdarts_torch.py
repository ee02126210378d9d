"""Rebuild a network exported by ``prdarts export`` in PyTorch and load its weights.

The export directory holds ``model.safetensors`` (weights and BatchNorm statistics under the
parameter names of the DARTS ``NetworkCIFAR`` / ``NetworkImageNet`` code), ``genotype.json`` (the
cells, schema ``prdarts.genotype/1``) and ``network.json`` (C, layers, classes, auxiliary head,
input size and normalisation). Usage::

    import prdarts_torch
    model, info = prdarts_torch.load("runs/my-train/pytorch")    # eval mode, strict=True load
    x = prdarts_torch.normalize(images01, info)                  # N x C x H x W floats in [0, 1]
    logits = model(x)

The module needs only PyTorch (1.10 or newer). It reads safetensors itself, so the
``safetensors`` package is optional; ``safetensors.torch.load_file`` reads the same file.

Where prdarts generalises DARTS, so does this module, identically:
- the stem takes the image's channels (1 for grey images) instead of always 3;
- FactorizedReduce accepts odd sizes: the shifted path is padded by one row and column at the far
  edge, so both paths give ceil(H/2) x ceil(W/2) (for even sizes this is DARTS' FactorizedReduce);
- the auxiliary head's pooling window and second convolution shrink to inputs smaller than DARTS
  assumes, followed by a global average (exactly DARTS' head for 8x8 / 14x14 inputs); the
  ImageNet head keeps the BatchNorm after its 768-channel convolution, which DARTS' released code
  leaves out, so it has the CIFAR head's layout;
- the final pooling is a global average for both stems (DARTS' ImageNet network uses a 7x7
  average pool, the same for 224 x 224 images).

``OPS`` holds DARTS' operations, prdarts' default search space. An operation registered on the
Java side (``Ops.register``) needs an entry here too, with the same state-dict layout as its
Java blocks (``Ops.registerLayout``); add it before ``load``::

    prdarts_torch.OPS["sep_conv_7x7"] = lambda c, stride: prdarts_torch.SepConv(c, 7, stride)
"""

import json
import os
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F

SCHEMA = "prdarts.torch/1"
GENOTYPE_SCHEMA = "prdarts.genotype/1"

_DTYPES = {
    "F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16,
    "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8,
    "BOOL": torch.bool,
}


def read_safetensors(path):
    """The tensors of a safetensors file as a dict name -> CPU tensor.

    Format: an unsigned 64-bit little-endian header length n, n bytes of JSON mapping each name
    to its dtype, shape and [begin, end) byte offsets into the data that follows, then the data,
    little-endian.
    """
    with open(path, "rb") as f:
        blob = f.read()
    if len(blob) < 8:
        raise ValueError(f"{path}: not a safetensors file (shorter than its 8-byte header length)")
    (n,) = struct.unpack("<Q", blob[:8])
    if 8 + n > len(blob):
        raise ValueError(f"{path}: header length {n} runs past the end of the file")
    header = json.loads(blob[8:8 + n].decode("utf-8"))
    data = memoryview(blob)[8 + n:]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        dtype = _DTYPES.get(entry["dtype"])
        if dtype is None:
            raise ValueError(f"{path}: tensor {name} has unsupported dtype {entry['dtype']}")
        begin, end = entry["data_offsets"]
        if not 0 <= begin <= end <= len(data):
            raise ValueError(f"{path}: tensor {name} lies outside the data ({begin}..{end})")
        shape = list(entry["shape"])
        if begin == end:
            tensors[name] = torch.zeros(shape, dtype=dtype)
            continue
        raw = bytearray(data[begin:end])  # a fresh, aligned, writable copy (x86 and ARM are little-endian)
        t = torch.frombuffer(raw, dtype=dtype)
        if t.numel() != _numel(shape):
            raise ValueError(f"{path}: tensor {name} holds {t.numel()} values, its shape {shape} needs "
                             f"{_numel(shape)}")
        tensors[name] = t.reshape(shape).clone()
    return tensors


def _numel(shape):
    n = 1
    for s in shape:
        n *= s
    return n


# ---------------------------------------------------------------- operations (DARTS operations.py)

class ReLUConvBN(nn.Module):
    def __init__(self, c_in, c_out, kernel, stride, padding):
        super().__init__()
        self.op = nn.Sequential(
            nn.ReLU(inplace=False),
            nn.Conv2d(c_in, c_out, kernel, stride=stride, padding=padding, bias=False),
            nn.BatchNorm2d(c_out))

    def forward(self, x):
        return self.op(x)


class SepConv(nn.Module):
    def __init__(self, c, kernel, stride):
        super().__init__()
        pad = kernel // 2
        self.op = nn.Sequential(
            nn.ReLU(inplace=False),
            nn.Conv2d(c, c, kernel, stride=stride, padding=pad, groups=c, bias=False),
            nn.Conv2d(c, c, 1, bias=False),
            nn.BatchNorm2d(c),
            nn.ReLU(inplace=False),
            nn.Conv2d(c, c, kernel, stride=1, padding=pad, groups=c, bias=False),
            nn.Conv2d(c, c, 1, bias=False),
            nn.BatchNorm2d(c))

    def forward(self, x):
        return self.op(x)


class DilConv(nn.Module):
    def __init__(self, c, kernel, stride, dilation=2):
        super().__init__()
        pad = dilation * (kernel - 1) // 2
        self.op = nn.Sequential(
            nn.ReLU(inplace=False),
            nn.Conv2d(c, c, kernel, stride=stride, padding=pad, dilation=dilation, groups=c, bias=False),
            nn.Conv2d(c, c, 1, bias=False),
            nn.BatchNorm2d(c))

    def forward(self, x):
        return self.op(x)


class FactorizedReduce(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        if c_out % 2:
            raise ValueError(f"FactorizedReduce needs an even channel count, found {c_out}")
        self.relu = nn.ReLU(inplace=False)
        self.conv_1 = nn.Conv2d(c_in, c_out // 2, 1, stride=2, bias=False)
        self.conv_2 = nn.Conv2d(c_in, c_out // 2, 1, stride=2, bias=False)
        self.bn = nn.BatchNorm2d(c_out)

    def forward(self, x):
        x = self.relu(x)
        h, w = x.shape[2], x.shape[3]
        shifted = F.pad(x, (0, w % 2, 0, h % 2)) if (h % 2 or w % 2) else x
        return self.bn(torch.cat([self.conv_1(x), self.conv_2(shifted[:, :, 1:, 1:])], dim=1))


class Identity(nn.Module):
    def forward(self, x):
        return x


class Zero(nn.Module):
    def __init__(self, stride):
        super().__init__()
        self.stride = stride

    def forward(self, x):
        return (x if self.stride == 1 else x[:, :, ::self.stride, ::self.stride]).mul(0.0)


OPS = {
    "none": lambda c, stride: Zero(stride),
    "avg_pool_3x3": lambda c, stride: nn.AvgPool2d(3, stride=stride, padding=1, count_include_pad=False),
    "max_pool_3x3": lambda c, stride: nn.MaxPool2d(3, stride=stride, padding=1),
    "skip_connect": lambda c, stride: Identity() if stride == 1 else FactorizedReduce(c, c),
    "sep_conv_3x3": lambda c, stride: SepConv(c, 3, stride),
    "sep_conv_5x5": lambda c, stride: SepConv(c, 5, stride),
    "dil_conv_3x3": lambda c, stride: DilConv(c, 3, stride),
    "dil_conv_5x5": lambda c, stride: DilConv(c, 5, stride),
}


def drop_path(x, drop_prob):
    """Zeroes whole samples with probability drop_prob and rescales the rest (DARTS utils.drop_path)."""
    keep = 1.0 - drop_prob
    mask = torch.empty(x.shape[0], 1, 1, 1, dtype=x.dtype, device=x.device).bernoulli_(keep)
    return x / keep * mask


# ---------------------------------------------------------------- network (DARTS model.py)

class Cell(nn.Module):
    def __init__(self, pairs, concat, c_prev_prev, c_prev, c, reduction, reduction_prev):
        super().__init__()
        self.reduction = reduction
        self.preprocess0 = FactorizedReduce(c_prev_prev, c) if reduction_prev else ReLUConvBN(c_prev_prev, c, 1, 1, 0)
        self.preprocess1 = ReLUConvBN(c_prev, c, 1, 1, 0)
        self._ops = nn.ModuleList()
        for op, index in pairs:
            if op not in OPS:
                raise ValueError(f"operation '{op}' has no PyTorch definition, known: {', '.join(OPS)}; "
                                 f"an operation registered in prdarts needs a matching OPS entry here")
            self._ops.append(OPS[op](c, 2 if reduction and index < 2 else 1))
        self._indices = [index for _, index in pairs]
        self._concat = list(concat)
        self.multiplier = len(self._concat)

    def forward(self, s0, s1, drop_prob=0.0):
        states = [self.preprocess0(s0), self.preprocess1(s1)]
        for node in range(len(self._ops) // 2):
            s = 0
            for k in (2 * node, 2 * node + 1):
                h = self._ops[k](states[self._indices[k]])
                if self.training and drop_prob > 0 and not isinstance(self._ops[k], Identity):
                    h = drop_path(h, drop_prob)
                s = s + h
            states.append(s)
        return torch.cat([states[i] for i in self._concat], dim=1)


def _halve(n):
    return (n + 1) // 2


def auxiliary_geometry(height, width, imagenet):
    """(pool height, pool width, pool stride, conv2 kernel) of the auxiliary head for its input size."""
    stride = 2 if imagenet else 3
    ph, pw = min(5, height), min(5, width)
    oh, ow = (height - ph) // stride + 1, (width - pw) // stride + 1
    return ph, pw, stride, min(2, oh, ow)


class AuxiliaryHead(nn.Module):
    def __init__(self, c, num_classes, height, width, imagenet):
        super().__init__()
        ph, pw, stride, kernel = auxiliary_geometry(height, width, imagenet)
        self.features = nn.Sequential(
            nn.ReLU(inplace=False),
            nn.AvgPool2d((ph, pw), stride=stride, padding=0, count_include_pad=False),
            nn.Conv2d(c, 128, 1, bias=False),
            nn.BatchNorm2d(128),
            nn.ReLU(inplace=False),
            nn.Conv2d(128, 768, kernel, bias=False),
            nn.BatchNorm2d(768),
            nn.ReLU(inplace=False))
        self.classifier = nn.Linear(768, num_classes)

    def forward(self, x):
        x = self.features(x).mean(dim=(2, 3))
        return self.classifier(x)


class Network(nn.Module):
    """DARTS NetworkCIFAR (``imagenet=False``) or NetworkImageNet, built from a genotype dict.

    ``forward`` returns the logits; ``forward_with_aux`` returns (logits, auxiliary logits or None).
    ``drop_path_prob`` (0 by default) applies only in training mode, as in DARTS.
    """

    def __init__(self, genotype, C, layers, num_classes, auxiliary=False, imagenet=False, in_channels=3,
                 height=32, width=32, stem_multiplier=3):
        super().__init__()
        self._layers = layers
        self.drop_path_prob = 0.0
        normal = [(p["op"], p["input"]) for p in genotype["normal"]]
        reduce = [(p["op"], p["input"]) for p in genotype["reduce"]]
        if imagenet:
            self.stem0 = nn.Sequential(
                nn.Conv2d(in_channels, C // 2, 3, stride=2, padding=1, bias=False),
                nn.BatchNorm2d(C // 2),
                nn.ReLU(inplace=False),
                nn.Conv2d(C // 2, C, 3, stride=2, padding=1, bias=False),
                nn.BatchNorm2d(C))
            self.stem1 = nn.Sequential(
                nn.ReLU(inplace=False),
                nn.Conv2d(C, C, 3, stride=2, padding=1, bias=False),
                nn.BatchNorm2d(C))
            c_prev_prev = c_prev = C
            reduction_prev = True
            h, w = _halve(_halve(_halve(height))), _halve(_halve(_halve(width)))
        else:
            self.stem = nn.Sequential(
                nn.Conv2d(in_channels, stem_multiplier * C, 3, padding=1, bias=False),
                nn.BatchNorm2d(stem_multiplier * C))
            c_prev_prev = c_prev = stem_multiplier * C
            reduction_prev = False
            h, w = height, width
        self.imagenet = imagenet
        self.cells = nn.ModuleList()
        c_curr = C
        c_aux = None
        for i in range(layers):
            reduction = i in (layers // 3, 2 * layers // 3)
            if reduction:
                c_curr *= 2
                h, w = _halve(h), _halve(w)
            pairs, concat = (reduce, genotype["reduceConcat"]) if reduction else (normal, genotype["normalConcat"])
            cell = Cell(pairs, concat, c_prev_prev, c_prev, c_curr, reduction, reduction_prev)
            self.cells.append(cell)
            reduction_prev = reduction
            c_prev_prev, c_prev = c_prev, cell.multiplier * c_curr
            if i == 2 * layers // 3:
                c_aux, aux_h, aux_w = c_prev, h, w
        self.auxiliary = auxiliary
        if auxiliary:
            self.auxiliary_head = AuxiliaryHead(c_aux, num_classes, aux_h, aux_w, imagenet)
        self.global_pooling = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Linear(c_prev, num_classes)

    def forward_with_aux(self, x):
        if self.imagenet:
            s0 = self.stem0(x)
            s1 = self.stem1(s0)
        else:
            s0 = s1 = self.stem(x)
        aux = None
        for i, cell in enumerate(self.cells):
            s0, s1 = s1, cell(s0, s1, self.drop_path_prob)
            if i == 2 * self._layers // 3 and self.auxiliary:
                aux = self.auxiliary_head(s1)
        logits = self.classifier(self.global_pooling(s1).flatten(1))
        return logits, aux

    def forward(self, x):
        return self.forward_with_aux(x)[0]


# ---------------------------------------------------------------- loading

def read_info(export_dir):
    """network.json and genotype.json of an export directory, checked."""
    with open(os.path.join(export_dir, "network.json"), encoding="utf-8") as f:
        info = json.load(f)
    if info.get("schema") != SCHEMA:
        raise ValueError(f"{export_dir}/network.json: schema must be {SCHEMA}, found {info.get('schema')}")
    with open(os.path.join(export_dir, info["genotype"]), encoding="utf-8") as f:
        genotype = json.load(f)
    if genotype.get("schema") != GENOTYPE_SCHEMA:
        raise ValueError(f"{export_dir}/{info['genotype']}: schema must be {GENOTYPE_SCHEMA}, "
                         f"found {genotype.get('schema')}")
    info["genotypeJson"] = genotype
    return info


def build(info):
    """The network described by read_info's result, with fresh weights."""
    n = info["network"]
    return Network(info["genotypeJson"], n["C"], n["layers"], n["numClasses"], auxiliary=n["auxiliary"],
                   imagenet=n["type"] == "NetworkImageNet", in_channels=n["inputChannels"],
                   height=n["inputHeight"], width=n["inputWidth"], stem_multiplier=n.get("stemMultiplier", 3))


def load(export_dir, device="cpu"):
    """(model in eval mode with the exported weights loaded with strict=True, info dict)."""
    info = read_info(export_dir)
    model = build(info)
    state = read_safetensors(os.path.join(export_dir, info["weights"]))
    model.load_state_dict(state, strict=True)
    return model.to(device).eval(), info


def normalize(images, info):
    """N x C x H x W images in [0, 1] -> network input, with the training set's mean and std."""
    mean = torch.tensor(info["input"]["mean"], dtype=images.dtype, device=images.device).view(1, -1, 1, 1)
    std = torch.tensor(info["input"]["std"], dtype=images.dtype, device=images.device).view(1, -1, 1, 1)
    return (images - mean) / std


if __name__ == "__main__":
    import sys
    if len(sys.argv) != 2:
        sys.exit("usage: python3 prdarts_torch.py EXPORT_DIR")
    m, i = load(sys.argv[1])
    print(f"{i['network']['type']}: {sum(p.numel() for p in m.parameters()):,} parameters, "
          f"{len(m.state_dict())} tensors loaded with strict=True")
