//! A small runner for the face detector's network. It reads the ONNX file's graph (protobuf,
//! decoded by prost into the few messages below) and runs its nodes in file order on f32
//! tensors of one image. It knows exactly the operators YuNet is made of (Conv, Relu, MaxPool,
//! Resize, Add, Transpose, Reshape, Sigmoid) in the forms YuNet uses them; a model needing any
//! other is refused when it is loaded, never half run. Why our own: a general ONNX runtime
//! (tract) was a fifth of the program and a sixth of a clean build for these eight operators.

use std::collections::HashMap;

/// The parts of ONNX's `ModelProto` the runner reads (field numbers from onnx.proto).
#[derive(Clone, PartialEq, prost::Message)]
struct ModelProto {
    #[prost(message, optional, tag = "7")]
    graph: Option<GraphProto>,
}

#[derive(Clone, PartialEq, prost::Message)]
struct GraphProto {
    #[prost(message, repeated, tag = "1")]
    node: Vec<NodeProto>,
    #[prost(message, repeated, tag = "5")]
    initializer: Vec<TensorProto>,
    #[prost(message, repeated, tag = "11")]
    input: Vec<ValueInfoProto>,
    #[prost(message, repeated, tag = "12")]
    output: Vec<ValueInfoProto>,
}

#[derive(Clone, PartialEq, prost::Message)]
struct ValueInfoProto {
    #[prost(string, tag = "1")]
    name: String,
}

#[derive(Clone, PartialEq, prost::Message)]
struct NodeProto {
    #[prost(string, repeated, tag = "1")]
    input: Vec<String>,
    #[prost(string, repeated, tag = "2")]
    output: Vec<String>,
    #[prost(string, tag = "4")]
    op_type: String,
    #[prost(message, repeated, tag = "5")]
    attribute: Vec<AttributeProto>,
}

#[derive(Clone, PartialEq, prost::Message)]
struct AttributeProto {
    #[prost(string, tag = "1")]
    name: String,
    #[prost(int64, tag = "3")]
    i: i64,
    #[prost(bytes = "vec", tag = "4")]
    s: Vec<u8>,
    #[prost(int64, repeated, tag = "8")]
    ints: Vec<i64>,
}

#[derive(Clone, PartialEq, prost::Message)]
struct TensorProto {
    #[prost(int64, repeated, tag = "1")]
    dims: Vec<i64>,
    #[prost(int32, tag = "2")]
    data_type: i32,
    #[prost(float, repeated, tag = "4")]
    float_data: Vec<f32>,
    #[prost(int64, repeated, tag = "7")]
    int64_data: Vec<i64>,
    #[prost(string, tag = "8")]
    name: String,
    #[prost(bytes = "vec", tag = "9")]
    raw_data: Vec<u8>,
}

const FLOAT: i32 = 1;
const INT64: i32 = 7;

/// One image's values: a shape and its f32s in row-major order (NCHW for feature maps).
#[derive(Debug, Clone, PartialEq)]
pub struct Tensor {
    pub shape: Vec<usize>,
    pub data: Vec<f32>,
}

/// A 2-D convolution's weights and geometry, as ONNX's Conv gives them.
#[derive(Debug)]
struct Conv {
    /// [out channels, in channels / group, kernel h, kernel w].
    weights: Tensor,
    bias: Vec<f32>,
    group: usize,
    strides: [usize; 2],
    /// Top, left, bottom, right.
    pads: [usize; 4],
}

#[derive(Debug)]
enum Op {
    Conv(Conv),
    Relu,
    Sigmoid,
    MaxPool {
        kernel: [usize; 2],
        strides: [usize; 2],
    },
    /// Nearest neighbour, asymmetric coordinates, floor: each input pixel repeated.
    Upsample {
        factor: [usize; 2],
    },
    Add,
    Transpose {
        perm: Vec<usize>,
    },
    Reshape {
        shape: Vec<i64>,
    },
}

#[derive(Debug)]
struct Step {
    op: Op,
    inputs: Vec<usize>,
    output: usize,
}

/// A loaded network, ready to run on any number of threads at once (it holds no running state).
#[derive(Debug)]
pub struct Net {
    steps: Vec<Step>,
    /// How many values a run holds (the input, then each step's output).
    values: usize,
    outputs: Vec<usize>,
}

impl Net {
    /// Read an ONNX model of one input; refuse one that uses what this runner does not know.
    pub fn load(onnx: &[u8]) -> Result<Net, String> {
        let model = <ModelProto as prost::Message>::decode(onnx).map_err(|e| format!("not an ONNX model: {e}"))?;
        let graph = model.graph.ok_or("the ONNX model has no graph")?;
        let constants: HashMap<&str, &TensorProto> = graph.initializer.iter().map(|t| (t.name.as_str(), t)).collect();
        let mut slots: HashMap<&str, usize> = HashMap::new();
        for input in graph.input.iter().filter(|i| !constants.contains_key(i.name.as_str())) {
            if !slots.is_empty() {
                return Err("the ONNX model has more than one input".into());
            }
            slots.insert(&input.name, 0);
        }
        if slots.is_empty() {
            return Err("the ONNX model has no input".into());
        }
        let mut steps = Vec::with_capacity(graph.node.len());
        for node in &graph.node {
            let what = |e: String| format!("node {} ({}): {e}", steps.len(), node.op_type);
            let op = op(node, &constants).map_err(what)?;
            // Constants are folded into the op; what remains are the values computed at run time.
            let mut inputs = Vec::new();
            for name in node.input.iter().filter(|n| !n.is_empty() && !constants.contains_key(n.as_str())) {
                inputs.push(*slots.get(name.as_str()).ok_or_else(|| what(format!("input {name} is not made before")))?);
            }
            let wanted = if matches!(op, Op::Add) { 2 } else { 1 };
            if inputs.len() != wanted || node.output.len() != 1 {
                return Err(what(format!("{} inputs and {} outputs", inputs.len(), node.output.len())));
            }
            let output = slots.len();
            slots.insert(&node.output[0], output);
            steps.push(Step { op, inputs, output });
        }
        let outputs = graph
            .output
            .iter()
            .map(|o| slots.get(o.name.as_str()).copied().ok_or_else(|| format!("output {} is never made", o.name)))
            .collect::<Result<_, _>>()?;
        Ok(Net { steps, values: slots.len(), outputs })
    }

    /// Run the network on one input; its outputs in the model's order.
    pub fn run(&self, input: Tensor) -> Result<Vec<Tensor>, String> {
        let mut values: Vec<Option<Tensor>> = vec![None; self.values];
        values[0] = Some(input);
        for (n, step) in self.steps.iter().enumerate() {
            let arg = |k: usize| values[step.inputs[k]].as_ref().ok_or_else(|| format!("node {n}: input missing"));
            let out = match &step.op {
                Op::Conv(c) => conv(arg(0)?, c),
                Op::Relu => map(arg(0)?, |v| v.max(0.0)),
                Op::Sigmoid => map(arg(0)?, |v| 1.0 / (1.0 + (-v).exp())),
                Op::MaxPool { kernel, strides } => max_pool(arg(0)?, *kernel, *strides),
                Op::Upsample { factor } => upsample(arg(0)?, *factor),
                Op::Add => add(arg(0)?, arg(1)?),
                Op::Transpose { perm } => transpose(arg(0)?, perm),
                Op::Reshape { shape } => reshape(arg(0)?, shape),
            }
            .map_err(|e| format!("node {n}: {e}"))?;
            values[step.output] = Some(out);
        }
        self.outputs.iter().map(|&i| values[i].take().ok_or_else(|| "an output was not made".to_string())).collect()
    }
}

fn attr<'a>(node: &'a NodeProto, name: &str) -> Option<&'a AttributeProto> {
    node.attribute.iter().find(|a| a.name == name)
}

/// A pair of positive sizes from an attribute, or the default when the model leaves it out.
fn pair(node: &NodeProto, name: &str, default: usize) -> Result<[usize; 2], String> {
    match attr(node, name).map(|a| a.ints.as_slice()) {
        None => Ok([default; 2]),
        Some(&[a, b]) if a > 0 && b > 0 => Ok([a as usize, b as usize]),
        Some(v) => Err(format!("{name} {v:?} is not two positive sizes")),
    }
}

fn pads(node: &NodeProto) -> Result<[usize; 4], String> {
    if attr(node, "auto_pad").is_some_and(|a| !a.s.is_empty() && a.s != b"NOTSET") {
        return Err("auto_pad is not supported".into());
    }
    match attr(node, "pads").map(|a| a.ints.as_slice()) {
        None => Ok([0; 4]),
        Some(&[t, l, b, r]) if t >= 0 && l >= 0 && b >= 0 && r >= 0 => {
            Ok([t as usize, l as usize, b as usize, r as usize])
        }
        Some(v) => Err(format!("pads {v:?} are not four sizes")),
    }
}

/// A constant's values: ONNX keeps them either as little-endian bytes or in a typed field.
fn values<T: Clone, const N: usize>(
    t: &TensorProto,
    (kind, name): (i32, &str),
    typed: &[T],
    from_le: fn([u8; N]) -> T,
) -> Result<Vec<T>, String> {
    if t.data_type != kind {
        return Err(format!("{} has data type {}, not {name}", t.name, t.data_type));
    }
    if t.raw_data.is_empty() {
        return Ok(typed.to_vec());
    }
    if !t.raw_data.len().is_multiple_of(N) {
        return Err(format!("{} has {} bytes, not whole {name}s", t.name, t.raw_data.len()));
    }
    Ok(t.raw_data.chunks_exact(N).map(|b| from_le(b.try_into().expect("chunks of N"))).collect())
}

fn floats(t: &TensorProto) -> Result<Vec<f32>, String> {
    values(t, (FLOAT, "float"), &t.float_data, f32::from_le_bytes)
}

fn int64s(t: &TensorProto) -> Result<Vec<i64>, String> {
    values(t, (INT64, "int64"), &t.int64_data, i64::from_le_bytes)
}

fn constant<'a>(
    node: &NodeProto,
    k: usize,
    constants: &HashMap<&str, &'a TensorProto>,
) -> Result<&'a TensorProto, String> {
    let name = node.input.get(k).ok_or_else(|| format!("input {k} is missing"))?;
    constants.get(name.as_str()).copied().ok_or_else(|| format!("input {name} must be a constant"))
}

fn op(node: &NodeProto, constants: &HashMap<&str, &TensorProto>) -> Result<Op, String> {
    Ok(match node.op_type.as_str() {
        "Conv" => {
            let w = constant(node, 1, constants)?;
            let shape = w.dims.iter().map(|&d| usize::try_from(d)).collect::<Result<Vec<_>, _>>();
            let shape = shape.map_err(|_| format!("weights of shape {:?}", w.dims))?;
            let weights = Tensor { data: floats(w)?, shape };
            if weights.shape.len() != 4 || weights.data.len() != weights.shape.iter().product::<usize>() {
                return Err(format!("weights of shape {:?} are not a 2-D kernel", weights.shape));
            }
            let bias = match node.input.get(2).filter(|n| !n.is_empty()) {
                Some(_) => floats(constant(node, 2, constants)?)?,
                None => vec![0.0; weights.shape[0]],
            };
            let group = attr(node, "group").map_or(1, |a| a.i);
            if bias.len() != weights.shape[0] || group < 1 || !weights.shape[0].is_multiple_of(group as usize) {
                return Err("bias or group does not fit the weights".into());
            }
            if pair(node, "dilations", 1)? != [1, 1] {
                return Err("dilated convolution is not supported".into());
            }
            if attr(node, "kernel_shape").is_some()
                && pair(node, "kernel_shape", 1)? != [weights.shape[2], weights.shape[3]]
            {
                return Err("kernel_shape differs from the weights".into());
            }
            Op::Conv(Conv {
                weights,
                bias,
                group: group as usize,
                strides: pair(node, "strides", 1)?,
                pads: pads(node)?,
            })
        }
        "Relu" => Op::Relu,
        "Sigmoid" => Op::Sigmoid,
        "Add" => Op::Add,
        "MaxPool" => {
            if pads(node)? != [0; 4] || attr(node, "ceil_mode").is_some_and(|a| a.i != 0) {
                return Err("only unpadded, floor-mode pooling is supported".into());
            }
            if pair(node, "dilations", 1)? != [1, 1] {
                return Err("dilated pooling is not supported".into());
            }
            Op::MaxPool { kernel: pair(node, "kernel_shape", 1)?, strides: pair(node, "strides", 1)? }
        }
        "Resize" => {
            let is =
                |name: &str, want: &[u8], default: &[u8]| attr(node, name).map_or(default, |a| a.s.as_slice()) == want;
            if !is("mode", b"nearest", b"nearest")
                || !is("coordinate_transformation_mode", b"asymmetric", b"half_pixel")
                || !is("nearest_mode", b"floor", b"round_prefer_floor")
            {
                return Err("only nearest, asymmetric, floor resizing is supported".into());
            }
            let scales = floats(constant(node, 2, constants)?)?;
            match scales.as_slice() {
                [1.0, 1.0, h, w] if h.fract() == 0.0 && w.fract() == 0.0 && *h >= 1.0 && *w >= 1.0 => {
                    Op::Upsample { factor: [*h as usize, *w as usize] }
                }
                _ => return Err(format!("scales {scales:?} are not whole factors of height and width")),
            }
        }
        "Transpose" => {
            let perm: Vec<usize> = attr(node, "perm").ok_or("no perm")?.ints.iter().map(|&p| p as usize).collect();
            let mut seen = perm.clone();
            seen.sort_unstable();
            if seen != (0..perm.len()).collect::<Vec<_>>() {
                return Err(format!("perm {perm:?} is not a permutation"));
            }
            Op::Transpose { perm }
        }
        "Reshape" => Op::Reshape { shape: int64s(constant(node, 1, constants)?)? },
        other => return Err(format!("the operator {other} is not supported")),
    })
}

fn map(x: &Tensor, f: impl Fn(f32) -> f32) -> Result<Tensor, String> {
    Ok(Tensor { shape: x.shape.clone(), data: x.data.iter().map(|&v| f(v)).collect() })
}

/// Channels, height and width of a one-image feature map.
fn chw(x: &Tensor) -> Result<[usize; 3], String> {
    match x.shape.as_slice() {
        &[1, c, h, w] => Ok([c, h, w]),
        s => Err(format!("shape {s:?} is not one image's feature map")),
    }
}

fn conv(x: &Tensor, c: &Conv) -> Result<Tensor, String> {
    let [cin, h, w] = chw(x)?;
    let [cout, cin_g, kh, kw] = c.weights.shape[..] else { unreachable!("checked when loaded") };
    if cin != cin_g * c.group {
        return Err(format!("{cin} input channels for weights of {cin_g} x {} groups", c.group));
    }
    let ([sh, sw], [pt, pl, pb, pr]) = (c.strides, c.pads);
    if h + pt + pb < kh || w + pl + pr < kw {
        return Err("the image is smaller than the kernel".into());
    }
    let (oh, ow) = ((h + pt + pb - kh) / sh + 1, (w + pl + pr - kw) / sw + 1);
    let mut out = vec![0f32; cout * oh * ow];
    if cin_g == 1 && c.strides == [1, 1] {
        depthwise(x, c, [oh, ow], &mut out);
    } else {
        by_patches(x, c, [oh, ow], &mut out);
    }
    Ok(Tensor { shape: vec![1, cout, oh, ow], data: out })
}

/// Any convolution, as a matrix product per group: the group's kernels (out x k) times the
/// input's patches (k x pixels), the patches gathered first unless the kernel is a plain 1x1.
fn by_patches(x: &Tensor, c: &Conv, [oh, ow]: [usize; 2], out: &mut [f32]) {
    let [_, h, w] = chw(x).expect("checked by conv");
    let [cout, cin_g, kh, kw] = c.weights.shape[..] else { unreachable!("checked when loaded") };
    let ([sh, sw], [pt, pl, _, _]) = (c.strides, c.pads);
    let (pixels, k, cout_g) = (oh * ow, cin_g * kh * kw, cout / c.group);
    let plain = kh == 1 && kw == 1 && c.strides == [1, 1] && c.pads == [0; 4];
    let mut patches = if plain { Vec::new() } else { vec![0f32; k * pixels] };
    for g in 0..c.group {
        let input = &x.data[g * cin_g * h * w..(g + 1) * cin_g * h * w];
        let columns: &[f32] = if plain {
            input
        } else {
            for (row, patch) in patches.chunks_exact_mut(pixels).enumerate() {
                let (ci, ky, kx) = (row / (kh * kw), row / kw % kh, row % kw);
                let plane = &input[ci * h * w..(ci + 1) * h * w];
                // The output columns whose input column ox * sw + kx - pl is inside the image;
                // the others read the zero border.
                let first = pl.saturating_sub(kx).div_ceil(sw).min(ow);
                let end = (w + pl).saturating_sub(kx).div_ceil(sw).clamp(first, ow);
                for (oy, dst) in patch.chunks_exact_mut(ow).enumerate() {
                    dst.fill(0.0);
                    let Some(y) = (oy * sh + ky).checked_sub(pt).filter(|&y| y < h) else { continue };
                    if first < end {
                        let src = plane[y * w..(y + 1) * w].iter().skip(first * sw + kx - pl).step_by(sw);
                        for (d, &v) in dst[first..end].iter_mut().zip(src) {
                            *d = v;
                        }
                    }
                }
            }
            &patches
        };
        let rows = g * cout_g..(g + 1) * cout_g;
        let product = &mut out[rows.start * pixels..rows.end * pixels];
        for (row, &b) in product.chunks_exact_mut(pixels).zip(&c.bias[rows.clone()]) {
            row.fill(b);
        }
        add_product(cout_g, k, pixels, &c.weights.data[rows.start * k..rows.end * k], columns, product);
    }
}

/// A stride-1 convolution whose groups each read one input channel (YuNet's 3x3 depthwise
/// layers). The channel is copied into a zero-bordered plane; on it every kernel weight adds
/// the whole plane, shifted, to a wide output whose rows carry the border's extra columns,
/// which are dropped at the end. Long runs of multiply-adds instead of patches gathered for a
/// product with one row.
fn depthwise(x: &Tensor, c: &Conv, [oh, ow]: [usize; 2], out: &mut [f32]) {
    let [_, h, w] = chw(x).expect("checked by conv");
    let [cout, _, kh, kw] = c.weights.shape[..] else { unreachable!("checked when loaded") };
    let [pt, pl, pb, pr] = c.pads;
    let wide = w + pl + pr;
    let mut padded = vec![0f32; (h + pt + pb) * wide];
    let mut sums = vec![0f32; (oh - 1) * wide + ow];
    let per_group = cout / c.group;
    for (co, plane) in out.chunks_exact_mut(oh * ow).enumerate() {
        if co % per_group == 0 {
            let input = &x.data[co / per_group * h * w..(co / per_group + 1) * h * w];
            for (dst, src) in padded[pt * wide..].chunks_exact_mut(wide).zip(input.chunks_exact(w)) {
                dst[pl..pl + w].copy_from_slice(src);
            }
        }
        sums.fill(c.bias[co]);
        for ky in 0..kh {
            for kx in 0..kw {
                let wt = c.weights.data[(co * kh + ky) * kw + kx];
                for (s, &v) in sums.iter_mut().zip(&padded[ky * wide + kx..]) {
                    *s += wt * v;
                }
            }
        }
        for (dst, src) in plane.chunks_exact_mut(ow).zip(sums.chunks(wide)) {
            dst.copy_from_slice(&src[..ow]);
        }
    }
}

/// `c += a * b` for row-major `a` (m x k), `b` (k x n) and `c` (m x n), by matrixmultiply's
/// kernels (which pick AVX or FMA when the processor has them): most of the network's time.
fn add_product(m: usize, k: usize, n: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    assert!(a.len() >= m * k && b.len() >= k * n && c.len() >= m * n, "matrix sizes");
    // SAFETY: the assert above keeps every element the strides reach inside the three slices,
    // and `c` is a unique borrow that overlaps neither input.
    unsafe {
        matrixmultiply::sgemm(
            m,
            k,
            n,
            1.0,
            a.as_ptr(),
            k as isize,
            1,
            b.as_ptr(),
            n as isize,
            1,
            1.0,
            c.as_mut_ptr(),
            n as isize,
            1,
        );
    }
}

fn max_pool(x: &Tensor, [kh, kw]: [usize; 2], [sh, sw]: [usize; 2]) -> Result<Tensor, String> {
    let [c, h, w] = chw(x)?;
    if h < kh || w < kw {
        return Err("the image is smaller than the pooling window".into());
    }
    let (oh, ow) = ((h - kh) / sh + 1, (w - kw) / sw + 1);
    let mut out = vec![f32::NEG_INFINITY; c * oh * ow];
    for (plane, pooled) in x.data.chunks_exact(h * w).zip(out.chunks_exact_mut(oh * ow)) {
        for (oy, dst) in pooled.chunks_exact_mut(ow).enumerate() {
            for row in plane[oy * sh * w..].chunks_exact(w).take(kh) {
                for (ox, m) in dst.iter_mut().enumerate() {
                    // A select, not a branch: which of a window's values is largest is
                    // unpredictable, and a branch here cost twenty times the work.
                    *m = row[ox * sw..ox * sw + kw].iter().fold(*m, |a, &v| if v > a { v } else { a });
                }
            }
        }
    }
    Ok(Tensor { shape: vec![1, c, oh, ow], data: out })
}

fn upsample(x: &Tensor, [fh, fw]: [usize; 2]) -> Result<Tensor, String> {
    let [c, h, w] = chw(x)?;
    let mut out = Vec::with_capacity(c * h * fh * w * fw);
    for plane in x.data.chunks_exact(h * w) {
        for y in 0..h * fh {
            let row = &plane[y / fh * w..(y / fh + 1) * w];
            out.extend(row.iter().flat_map(|&v| std::iter::repeat_n(v, fw)));
        }
    }
    Ok(Tensor { shape: vec![1, c, h * fh, w * fw], data: out })
}

fn add(a: &Tensor, b: &Tensor) -> Result<Tensor, String> {
    if a.shape != b.shape {
        return Err(format!("cannot add shapes {:?} and {:?}", a.shape, b.shape));
    }
    Ok(Tensor { shape: a.shape.clone(), data: a.data.iter().zip(&b.data).map(|(x, y)| x + y).collect() })
}

fn transpose(x: &Tensor, perm: &[usize]) -> Result<Tensor, String> {
    let rank = x.shape.len();
    if perm.len() != rank {
        return Err(format!("perm {perm:?} for a tensor of rank {rank}"));
    }
    let shape: Vec<usize> = perm.iter().map(|&p| x.shape[p]).collect();
    // Each input axis's step in the input, taken in the output's axis order.
    let mut step = vec![1; rank];
    for a in (0..rank.saturating_sub(1)).rev() {
        step[a] = step[a + 1] * x.shape[a + 1];
    }
    let steps: Vec<usize> = perm.iter().map(|&p| step[p]).collect();
    let mut index = vec![0; rank];
    let mut data = Vec::with_capacity(x.data.len());
    for _ in 0..x.data.len() {
        data.push(x.data[index.iter().zip(&steps).map(|(i, s)| i * s).sum::<usize>()]);
        for a in (0..rank).rev() {
            index[a] += 1;
            if index[a] < shape[a] {
                break;
            }
            index[a] = 0;
        }
    }
    Ok(Tensor { shape, data })
}

/// ONNX's Reshape: 0 keeps that axis, one -1 takes what is left.
fn reshape(x: &Tensor, spec: &[i64]) -> Result<Tensor, String> {
    let mut shape = Vec::with_capacity(spec.len());
    let mut rest = None;
    for (a, &d) in spec.iter().enumerate() {
        match d {
            0 => shape.push(*x.shape.get(a).ok_or("0 past the input's rank")?),
            -1 if rest.is_none() => {
                rest = Some(a);
                shape.push(1);
            }
            d if d > 0 => shape.push(d as usize),
            _ => return Err(format!("shape {spec:?} is not a reshape")),
        }
    }
    let known: usize = shape.iter().product();
    if let Some(a) = rest {
        shape[a] = x.data.len().checked_div(known).unwrap_or(0);
    }
    if shape.iter().product::<usize>() != x.data.len() {
        return Err(format!("cannot reshape {:?} to {spec:?}", x.shape));
    }
    Ok(Tensor { shape, data: x.data.clone() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost::Message;

    use crate::import::face::detector::{INPUT_H, INPUT_W, MODEL, input};

    /// The astronaut's head and shoulders at the network's input size, through the detector's
    /// own input step (which at this size only reorders the channels into BGR planes).
    fn astronaut() -> Tensor {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/yunet-input.png");
        let img = image::open(path).unwrap().to_rgb8();
        assert_eq!((img.width() as usize, img.height() as usize), (INPUT_W, INPUT_H));
        input(img.as_raw(), INPUT_W, INPUT_H)
    }

    #[test]
    fn the_detector_gives_what_an_independent_onnx_runtime_gives() {
        // scripts/yunet-reference.py made these with onnxruntime from the same input.
        let reference = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/yunet-reference.f32")).unwrap();
        let reference: Vec<f32> =
            reference.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
        let outputs = Net::load(MODEL).unwrap().run(astronaut()).unwrap();
        // cls, obj, bbox and kps at strides 8, 16 and 32: 192, 48 and 12 cells of 1, 1, 4, 10.
        let widths = [1, 1, 1, 1, 1, 1, 4, 4, 4, 10, 10, 10];
        let cells = [192, 48, 12];
        assert_eq!(outputs.len(), 12);
        let mut at = 0;
        for (k, out) in outputs.iter().enumerate() {
            assert_eq!(out.shape, vec![1, cells[k % 3], widths[k]], "output {k}");
            for (i, (&ours, &theirs)) in out.data.iter().zip(&reference[at..]).enumerate() {
                assert!(
                    (ours - theirs).abs() <= 1e-4 + 1e-4 * theirs.abs(),
                    "output {k}[{i}]: {ours} against {theirs}"
                );
            }
            at += out.data.len();
        }
        assert_eq!(at, reference.len(), "every reference value compared");
        // And it is a face: the best cell of stride 8 scores well above the detector's bar.
        let best = (0..192).map(|i| (outputs[0].data[i] * outputs[3].data[i]).sqrt()).fold(0f32, f32::max);
        assert!(best > 0.8, "best score {best}");
    }

    #[test]
    fn a_model_the_runner_cannot_run_is_refused_when_loaded() {
        assert!(Net::load(b"not a model at all").unwrap_err().contains("not an ONNX model"));
        let node = |op: &str| NodeProto {
            input: vec!["x".into()],
            output: vec!["y".into()],
            op_type: op.into(),
            attribute: Vec::new(),
        };
        let model = |op: &str| {
            let graph = GraphProto {
                node: vec![node(op)],
                initializer: Vec::new(),
                input: vec![ValueInfoProto { name: "x".into() }],
                output: vec![ValueInfoProto { name: "y".into() }],
            };
            ModelProto { graph: Some(graph) }.encode_to_vec()
        };
        let err = Net::load(&model("Softmax")).unwrap_err();
        assert!(err.contains("the operator Softmax is not supported"), "{err}");
        // A reshape whose shape constant is 7 bytes: not whole int64s, refused by name.
        let shape = TensorProto {
            dims: vec![1],
            data_type: INT64,
            name: "shape".into(),
            raw_data: vec![1; 7],
            ..Default::default()
        };
        let mut reshape = node("Reshape");
        reshape.input.push("shape".into());
        let graph = GraphProto {
            node: vec![reshape],
            initializer: vec![shape],
            input: vec![ValueInfoProto { name: "x".into() }],
            output: vec![ValueInfoProto { name: "y".into() }],
        };
        let err = Net::load(&ModelProto { graph: Some(graph) }.encode_to_vec()).unwrap_err();
        assert!(err.contains("node 0 (Reshape): shape has 7 bytes, not whole int64s"), "{err}");
        let net = Net::load(&model("Relu")).unwrap();
        let out = net.run(Tensor { shape: vec![1, 1, 1, 3], data: vec![-1.0, 0.5, 2.0] }).unwrap();
        assert_eq!(out, vec![Tensor { shape: vec![1, 1, 1, 3], data: vec![0.0, 0.5, 2.0] }]);
    }

    #[test]
    fn a_strided_padded_grouped_convolution_is_computed_as_defined() {
        // Two groups of one channel, 3x3 kernels, stride 2, one pixel of padding on each side.
        let x = Tensor { shape: vec![1, 2, 3, 3], data: (1..=18).map(|v| v as f32).collect() };
        let mut weights = vec![0f32; 18];
        weights[4] = 1.0; // group 0: the centre pixel
        weights[9..18].fill(1.0); // group 1: the sum of the window
        let c = Conv {
            weights: Tensor { shape: vec![2, 1, 3, 3], data: weights },
            bias: vec![0.5, 0.0],
            group: 2,
            strides: [2, 2],
            pads: [1, 1, 1, 1],
        };
        let out = conv(&x, &c).unwrap();
        assert_eq!(out.shape, vec![1, 2, 2, 2]);
        // Centres (0,0) (0,2) (2,0) (2,2) of channel 0 plus the bias; channel 1's windows
        // around the same points, cut by the padding to 2x2 each.
        let window = |cy: usize, cx: usize| -> f32 {
            let mut sum = 0.0;
            for y in cy.saturating_sub(1)..=(cy + 1).min(2) {
                for x in cx.saturating_sub(1)..=(cx + 1).min(2) {
                    sum += (10 + y * 3 + x) as f32;
                }
            }
            sum
        };
        let expected = [1.5, 3.5, 7.5, 9.5, window(0, 0), window(0, 2), window(2, 0), window(2, 2)];
        assert_eq!(out.data, expected);
    }

    #[test]
    fn the_depthwise_shortcut_computes_what_the_general_convolution_does() {
        // Three channels, two kernels each, uneven padding, on an image that is not square.
        let (h, w) = (5, 7);
        let x =
            Tensor { shape: vec![1, 3, h, w], data: (0..3 * h * w).map(|v| ((v * 37) % 23) as f32 - 11.0).collect() };
        let weights = Tensor { shape: vec![6, 1, 3, 2], data: (0..36).map(|v| ((v * 13) % 7) as f32 - 3.0).collect() };
        let c =
            Conv { weights, bias: vec![0.5, -1.0, 2.0, 0.0, 1.0, -0.5], group: 3, strides: [1, 1], pads: [1, 0, 2, 1] };
        let (oh, ow) = (h + 1 + 2 - 3 + 1, w + 1 - 2 + 1);
        let (mut short, mut general) = (vec![0f32; 6 * oh * ow], vec![0f32; 6 * oh * ow]);
        depthwise(&x, &c, [oh, ow], &mut short);
        by_patches(&x, &c, [oh, ow], &mut general);
        assert_eq!(short, general);
        assert_eq!(conv(&x, &c).unwrap().data, short, "conv takes the shortcut");
        assert!(short.iter().any(|&v| v != 0.0));
    }

    #[test]
    fn the_head_outputs_are_laid_out_cell_by_cell() {
        let x = Tensor { shape: vec![1, 2, 2, 3], data: (0..12).map(|v| v as f32).collect() };
        let t = transpose(&x, &[0, 2, 3, 1]).unwrap();
        assert_eq!(t.shape, vec![1, 2, 3, 2]);
        assert_eq!(t.data, vec![0.0, 6.0, 1.0, 7.0, 2.0, 8.0, 3.0, 9.0, 4.0, 10.0, 5.0, 11.0]);
        let r = reshape(&t, &[1, -1, 2]).unwrap();
        assert_eq!(r.shape, vec![1, 6, 2]);
        assert!(reshape(&t, &[5, -1]).is_err());
        let u = upsample(&Tensor { shape: vec![1, 1, 1, 2], data: vec![1.0, 2.0] }, [2, 2]).unwrap();
        assert_eq!(u.data, vec![1.0, 1.0, 2.0, 2.0, 1.0, 1.0, 2.0, 2.0]);
        let m = max_pool(&x, [2, 2], [2, 2]).unwrap();
        assert_eq!((m.shape, m.data), (vec![1, 2, 1, 1], vec![4.0, 10.0]));
    }
}
