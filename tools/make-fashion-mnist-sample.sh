#!/usr/bin/env bash
# Re-makes src/main/resources/org/prdarts/data/fashion-mnist-sample from the Debian package
# dataset-fashion-mnist: the first TRAIN_PER_CLASS / TEST_PER_CLASS images of each class.
set -euo pipefail
TRAIN_PER_CLASS=${1:-1000}
TEST_PER_CLASS=${2:-200}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download dataset-fashion-mnist && dpkg -x dataset-fashion-mnist_*.deb x)
cd "$root"
mvn -q -o test-compile
java -cp target/classes:target/test-classes org.prdarts.data.FashionMnistSampleMaker \
  "$work/x/usr/share/datasets/fashion-mnist" \
  src/main/resources/org/prdarts/data/fashion-mnist-sample "$TRAIN_PER_CLASS" "$TEST_PER_CLASS"
du -b src/main/resources/org/prdarts/data/fashion-mnist-sample/*
