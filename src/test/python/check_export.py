"""Loads a prdarts export with python/prdarts_torch.py (strict=True) and compares its outputs with
the ones prdarts computed, given in a safetensors file of reference tensors:
  x                  the input batch
  logits             prdarts' eval-mode logits
  train_logits       (optional) training-mode logits, drop path off
  train_aux          (optional) training-mode auxiliary logits
Prints one line per comparison and exits 1 when any differs by more than the tolerance.

usage: check_export.py PYTHON_MODULE_DIR EXPORT_DIR REFERENCE.safetensors TOLERANCE
"""
import sys

sys.path.insert(0, sys.argv[1])
import torch  # noqa: E402
import prdarts_torch  # noqa: E402

export_dir, reference, tolerance = sys.argv[2], sys.argv[3], float(sys.argv[4])
torch.set_num_threads(1)
model, info = prdarts_torch.load(export_dir)
ref = prdarts_torch.read_safetensors(reference)
x = ref["x"]
failed = False


def compare(name, got, want):
    global failed
    if got is None or tuple(got.shape) != tuple(want.shape):
        print(f"{name}: shape {None if got is None else tuple(got.shape)}, expected {tuple(want.shape)}")
        failed = True
        return
    diff = (got - want).abs().max().item()
    largest = want.abs().max().item()
    print(f"{name}: max abs diff {diff:.3e} (largest |value| {largest:.3f})")
    # float32 rounding grows with the values: the bound is relative once they exceed 1
    failed = failed or not diff <= tolerance * max(1.0, largest)


with torch.no_grad():
    compare("eval logits", model(x), ref["logits"])
    compare("torchscript eval logits", torch.jit.trace(model, x)(x), ref["logits"])
    if "train_logits" in ref:
        model.train()
        logits, aux = model.forward_with_aux(x)
        compare("train logits", logits, ref["train_logits"])
        compare("train auxiliary logits", aux, ref["train_aux"])
print("tensors:", len(model.state_dict()), "network:", info["network"]["type"])
sys.exit(1 if failed else 0)
