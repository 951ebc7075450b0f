import { LineSplitter } from './lineSplitter';

function split(chunks: Buffer[]): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter(line => lines.push(line));
  chunks.forEach(chunk => splitter.push(chunk));
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('gives the same lines however the bytes are cut into chunks', () => {
    const text = '{"a":"é€𝄞"}\n{"b":2}\r\n\n{"c":"x"}\n{"d":4}';
    const bytes = Buffer.from(text);
    const expected = ['{"a":"é€𝄞"}', '{"b":2}', '', '{"c":"x"}', '{"d":4}'];
    for (let size = 1; size <= bytes.length; size++) {
      const chunks = [];
      for (let i = 0; i < bytes.length; i += size) {
        chunks.push(bytes.subarray(i, i + size));
      }
      expect(split(chunks)).toEqual(expected);
    }
  });

  it('gives no line for an empty stream or one ending with a newline', () => {
    expect(split([])).toEqual([]);
    expect(split([Buffer.from('x\n')])).toEqual(['x']);
  });
});
