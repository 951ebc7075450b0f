import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateFleet, mulberry32, poolCounts } from '../src/fleet.ts';

test('mulberry32 is deterministic and in [0, 1)', () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  for (let i = 0; i < 1000; i++) {
    const x = a();
    assert.equal(x, b());
    assert.ok(x >= 0 && x < 1);
  }
});

test('same count and seed give the same fleet; another seed differs', () => {
  assert.deepEqual(generateFleet(200, 7), generateFleet(200, 7));
  assert.notDeepEqual(generateFleet(200, 7), generateFleet(200, 8));
});

test('names, control plane and unique IPs', () => {
  const fleet = generateFleet(300, 1);
  assert.equal(fleet[0].name, 'node-0001');
  assert.equal(fleet[299].name, 'node-0300');
  assert.equal(fleet[0].pool, 'control-plane');
  assert.equal(fleet[0].labels['node-role.kubernetes.io/control-plane'], '');
  assert.deepEqual(fleet[0].taints, [
    { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
  ]);
  assert.equal(new Set(fleet.map(n => n.internalIP)).size, 300);
  assert.equal(new Set(fleet.map(n => n.podCIDR)).size, 300);
  for (const n of fleet) {
    assert.equal(n.labels['kubernetes.io/hostname'], n.name);
    assert.equal(n.labels['kubernetes.io/os'], 'linux');
    assert.match(n.labels['kubernetes.io/arch'], /^(amd64|arm64)$/);
    assert.match(n.labels['topology.kubernetes.io/zone'], /^eu-west-1[abc]$/);
    assert.match(n.labels.disktype, /^(ssd|hdd)$/);
    assert.ok(n.labels['node.kubernetes.io/instance-type']);
    assert.equal(n.labels['daemonsets.dev/pool'], n.pool);
  }
});

test('small fleets contain every pool, a tainted node, one NotReady and one cordoned node', () => {
  for (const count of [10, 12, 15, 20]) {
    for (let seed = 1; seed <= 50; seed++) {
      const fleet = generateFleet(count, seed);
      const pools = poolCounts(fleet);
      for (const p of [
        'control-plane',
        'general',
        'gpu',
        'accelerator',
        'dedicated',
      ] as const) {
        assert.ok(pools[p] >= 1, `count ${count} seed ${seed}: no ${p} node`);
      }
      assert.ok(
        fleet.some(n => n.pool !== 'control-plane' && n.taints.length > 0),
      );
      assert.equal(fleet.filter(n => !n.kwokManaged).length, 1);
      assert.equal(fleet.filter(n => n.unschedulable).length, 1);
      assert.ok(
        !fleet.some(n => !n.kwokManaged && n.unschedulable),
        'NotReady and cordoned nodes are distinct',
      );
    }
  }
});

test('pool shares and pool-specific labels, taints and capacity at scale', () => {
  const fleet = generateFleet(5000, 3);
  const pools = poolCounts(fleet);
  const share = (n: number) => n / 4999;
  assert.ok(
    share(pools.gpu) > 0.08 && share(pools.gpu) < 0.12,
    `gpu share ${share(pools.gpu)}`,
  );
  assert.ok(
    share(pools.accelerator) > 0.035 && share(pools.accelerator) < 0.065,
  );
  assert.ok(share(pools.dedicated) > 0.035 && share(pools.dedicated) < 0.065);
  assert.equal(fleet.filter(n => !n.kwokManaged).length, 100);
  assert.equal(fleet.filter(n => n.unschedulable).length, 100);
  for (const n of fleet) {
    if (n.pool === 'gpu') {
      const gpus = Number(n.capacity['nvidia.com/gpu']);
      assert.ok(gpus >= 1 && gpus <= 8);
      assert.ok(n.labels['nvidia.com/gpu.product']);
      assert.deepEqual(n.taints, [
        { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
      ]);
    } else if (n.pool === 'accelerator') {
      assert.ok(Number(n.capacity['huawei.com/ascend-310']) >= 1);
      assert.equal(n.labels.accelerator, 'huawei-Ascend310');
      assert.deepEqual(n.taints, []);
    } else if (n.pool === 'dedicated') {
      assert.deepEqual(n.taints, [
        { key: 'dedicated', value: 'infra', effect: 'NoSchedule' },
      ]);
    } else if (n.pool === 'general') {
      assert.deepEqual(n.taints, []);
      assert.equal(n.capacity['nvidia.com/gpu'], undefined);
    }
  }
});

test('explicit NotReady and cordoned counts', () => {
  const fleet = generateFleet(20, 1, { notReady: 0, cordoned: 3 });
  assert.equal(fleet.filter(n => !n.kwokManaged).length, 0);
  assert.equal(fleet.filter(n => n.unschedulable).length, 3);
  assert.deepEqual(generateFleet(0, 1), []);
  assert.throws(() => generateFleet(-1, 1));
});

test('growing the fleet keeps existing nodes (only special picks may move)', () => {
  const small = generateFleet(2000, 1);
  const big = generateFleet(5000, 1);
  const same = small.filter(
    (n, i) => JSON.stringify(n) === JSON.stringify(big[i]),
  ).length;
  assert.ok(
    same >= 0.95 * small.length,
    `only ${same} of 2000 nodes unchanged`,
  );
  for (let i = 0; i < small.length; i++) {
    assert.equal(
      small[i].labels['node.kubernetes.io/instance-type'],
      big[i].labels['node.kubernetes.io/instance-type'],
    );
  }
});
