import {
  dns1123Label,
  ipAddress,
  labelValue,
  portName,
  qualifiedName,
} from './formats';

describe('formats', () => {
  it('DNS-1123 labels', () => {
    expect(
      ['a', 'agent-1', '0a', 'a'.repeat(63)].every(dns1123Label.test),
    ).toBe(true);
    expect(
      ['', 'A', '-a', 'a-', 'a.b', 'a_b', 'a'.repeat(64)].some(
        dns1123Label.test,
      ),
    ).toBe(false);
  });

  it('qualified names', () => {
    expect(
      [
        'app',
        'app.kubernetes.io/name',
        'a_b.c-d',
        'nvidia.com/gpu.product',
      ].every(qualifiedName.test),
    ).toBe(true);
    expect(
      ['', '/a', 'a/', 'A.com/x', 'a/b/c', '-a', `${'a'.repeat(64)}`].some(
        qualifiedName.test,
      ),
    ).toBe(false);
  });

  it('label values', () => {
    expect(['', 'v1', 'NVIDIA-A100_80GB.x'].every(labelValue.test)).toBe(true);
    expect(['-a', 'a b', 'a/b', 'a'.repeat(64)].some(labelValue.test)).toBe(
      false,
    );
  });

  it('port names', () => {
    expect(['http', 'metrics-1', 'a1'].every(portName.test)).toBe(true);
    expect(
      ['80', 'a--b', '-a', 'HTTP', 'a'.repeat(16)].some(portName.test),
    ).toBe(false);
  });

  it('IP addresses', () => {
    expect(
      [
        '10.0.0.10',
        '::1',
        '2001:db8::8a2e:370:7334',
        '::ffff:192.0.2.1',
        '1:2:3:4:5:6:7:8',
      ].every(ipAddress.test),
    ).toBe(true);
    expect(
      [
        '256.0.0.1',
        '1.2.3',
        '1::2::3',
        '1:2:3:4:5:6:7:8:9',
        'g::1',
        'example.com',
      ].some(ipAddress.test),
    ).toBe(false);
  });
});
