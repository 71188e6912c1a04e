/**
 * Encodes a small ONNX ModelProto (graph, nodes, initializers, typed inputs and outputs) with the
 * hand-written protobuf writer, so tests can build real models that onnxruntime runs, with no
 * Python and no download. Field numbers follow onnx/onnx.proto (proto2, unpacked repeated ints).
 */
import { bytesField, concat, floatField, intField, messageField, stringField, type Field } from './protobuf.ts';

export type OnnxElemType = 'float' | 'int32' | 'int64';

const DATA_TYPE: Record<OnnxElemType, number> = { float: 1, int32: 6, int64: 7 };

export interface OnnxTensor {
  name: string;
  type: OnnxElemType;
  dims: readonly number[];
  values: readonly number[];
}

export type OnnxAttribute = { int: number } | { ints: readonly number[] } | { float: number };

export interface OnnxNode {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes?: Readonly<Record<string, OnnxAttribute>>;
}

/** A graph input or output: its element type and shape (a string is a symbolic dimension). */
export interface OnnxValueInfo {
  name: string;
  type: OnnxElemType;
  shape: readonly (number | string)[];
}

export interface OnnxGraph {
  name: string;
  nodes: readonly OnnxNode[];
  initializers: readonly OnnxTensor[];
  inputs: readonly OnnxValueInfo[];
  outputs: readonly OnnxValueInfo[];
}

export interface OnnxModelOptions {
  /** ONNX IR version (8 matches opset 13–18). */
  irVersion?: number;
  /** Opset of the default ("ai.onnx") domain. */
  opset?: number;
}

function tensorBytes(t: OnnxTensor): Uint8Array {
  const count = t.dims.reduce((n, d) => n * d, 1);
  if (count !== t.values.length) {
    throw new Error(`tensor ${t.name}: dims [${t.dims.join(', ')}] hold ${count} values but ${t.values.length} were given`);
  }
  if (t.type === 'float') return new Uint8Array(Float32Array.from(t.values).buffer);
  if (t.type === 'int32') return new Uint8Array(Int32Array.from(t.values).buffer);
  return new Uint8Array(BigInt64Array.from(t.values, (v) => BigInt(v)).buffer);
}

function tensorFields(t: OnnxTensor): Field[] {
  return [
    ...t.dims.map((d) => intField(1, d)),
    intField(2, DATA_TYPE[t.type]),
    stringField(8, t.name),
    // raw_data: little-endian values (typed arrays are little-endian on every platform Node runs on).
    bytesField(9, tensorBytes(t)),
  ];
}

function attributeFields(name: string, a: OnnxAttribute): Field[] {
  if ('int' in a) return [stringField(1, name), intField(3, a.int), intField(20, 2)];
  if ('float' in a) return [stringField(1, name), floatField(2, a.float), intField(20, 1)];
  return [stringField(1, name), ...a.ints.map((i) => intField(8, i)), intField(20, 7)];
}

function nodeFields(n: OnnxNode, index: number): Field[] {
  return [
    ...n.inputs.map((i) => stringField(1, i)),
    ...n.outputs.map((o) => stringField(2, o)),
    stringField(3, `${n.op}_${index}`),
    stringField(4, n.op),
    ...Object.entries(n.attributes ?? {}).map(([k, a]) => messageField(5, attributeFields(k, a))),
  ];
}

function valueInfoFields(v: OnnxValueInfo): Field[] {
  const dims = v.shape.map((d) => messageField(1, [typeof d === 'number' ? intField(1, d) : stringField(2, d)]));
  const tensorType = messageField(1, [intField(1, DATA_TYPE[v.type]), messageField(2, dims)]);
  return [stringField(1, v.name), messageField(2, [tensorType])];
}

/** The bytes of a `.onnx` file holding this graph. */
export function encodeOnnxModel(graph: OnnxGraph, options: OnnxModelOptions = {}): Uint8Array {
  const graphFields: Field[] = [
    ...graph.nodes.map((n, i) => messageField(1, nodeFields(n, i))),
    stringField(2, graph.name),
    ...graph.initializers.map((t) => messageField(5, tensorFields(t))),
    ...graph.inputs.map((v) => messageField(11, valueInfoFields(v))),
    ...graph.outputs.map((v) => messageField(12, valueInfoFields(v))),
  ];
  return concat([
    intField(1, options.irVersion ?? 8),
    stringField(2, 'vigie-test'),
    messageField(7, graphFields),
    messageField(8, [stringField(1, ''), intField(2, options.opset ?? 13)]),
  ]);
}
