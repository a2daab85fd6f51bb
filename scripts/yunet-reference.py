#!/usr/bin/env python3
"""The face detector's reference outputs, from an ONNX runtime we did not write.

Makes tests/data/yunet-input.png (the astronaut's head and shoulders, 96x128, the network's
input size) and tests/data/yunet-reference.f32 (the model's 12 outputs for that input, in the
model's order, little-endian f32), which `src/import/face/net.rs`'s test compares our runner
with. Needs `pip install onnx onnxruntime pillow numpy`. Run from the repository's root; the files it
makes are committed, so the test needs none of this.
"""
import numpy as np
import onnx
import onnxruntime
from PIL import Image

face = Image.open("tests/data/astronaut.png").convert("RGB")
# Head and shoulders at 3:4, the face a third of the width as in a standard photo.
crop = face.crop((64, 0, 448, 512)).resize((96, 128), Image.BILINEAR)
crop.save("tests/data/yunet-input.png")

rgb = np.asarray(crop, dtype=np.float32)
bgr = rgb[:, :, ::-1].transpose(2, 0, 1)[None].copy()
# The file declares a 640x640 input; the program gives it 96x128, as here.
model = onnx.load("models/face_detection_yunet_2023mar.onnx")
dims = model.graph.input[0].type.tensor_type.shape.dim
dims[2].dim_value, dims[3].dim_value = 128, 96
del model.graph.value_info[:]
for out in model.graph.output:
    out.type.tensor_type.ClearField("shape")
onnxruntime.set_default_logger_severity(3)
session = onnxruntime.InferenceSession(model.SerializeToString())
names = [o.name for o in session.get_outputs()]
outputs = session.run(names, {session.get_inputs()[0].name: bgr})
with open("tests/data/yunet-reference.f32", "wb") as f:
    for name, out in zip(names, outputs):
        print(name, out.shape, float(out.max()))
        f.write(out.astype("<f4").tobytes())
