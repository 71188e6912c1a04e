/** The hand-written protobuf / ONNX writer: known wire bytes, and a graph onnxruntime really runs. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { encodeOnnxModel } from './onnx-model.ts';
import { intField, stringField, varint } from './protobuf.ts';

describe('protobuf writer', () => {
  it('encodes varints and fields as the protobuf spec shows', () => {
    assert.deepEqual([...varint(1)], [0x01]);
    assert.deepEqual([...varint(300)], [0xac, 0x02]);
    assert.deepEqual([...varint(-1)], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    assert.deepEqual([...intField(1, 150)], [0x08, 0x96, 0x01]);
    assert.deepEqual([...stringField(2, 'testing')], [0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67]);
  });
});

describe('encodeOnnxModel', () => {
  it('writes a model onnxruntime loads and runs (y = x · W + b)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigie-onnx-writer-'));
    try {
      const path = join(dir, 'affine.onnx');
      await writeFile(path, encodeOnnxModel({
        name: 'affine',
        nodes: [
          { op: 'MatMul', inputs: ['x', 'W'], outputs: ['xw'] },
          { op: 'Add', inputs: ['xw', 'b'], outputs: ['y'] },
        ],
        initializers: [
          { name: 'W', type: 'float', dims: [2, 2], values: [1, 2, 3, 4] },
          { name: 'b', type: 'float', dims: [2], values: [0.5, -0.5] },
        ],
        inputs: [{ name: 'x', type: 'float', shape: ['n', 2] }],
        outputs: [{ name: 'y', type: 'float', shape: ['n', 2] }],
      }));
      const ort = await import('onnxruntime-node');
      const session = await ort.InferenceSession.create(path);
      const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from([1, 1, 2, 0]), [2, 2]) });
      assert.deepEqual([...(out['y']!.data as Float32Array)], [4.5, 5.5, 2.5, 3.5]);
      await session.release();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a tensor whose values do not fill its dims', () => {
    assert.throws(() => encodeOnnxModel({
      name: 'bad', nodes: [], inputs: [], outputs: [],
      initializers: [{ name: 'W', type: 'float', dims: [2, 2], values: [1, 2, 3] }],
    }), /tensor W: dims \[2, 2\] hold 4 values but 3 were given/);
  });
});
