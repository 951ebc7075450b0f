import { editLink } from './editLink';

const formDataOf = (link: string) =>
  JSON.parse(new URL(link, 'http://app').searchParams.get('formData')!);

describe('editLink', () => {
  it('gives the form CPU in cores, as its number field asks, and the base revision', () => {
    const link = editLink({
      baseRevision: 7,
      input: {
        name: 'agent',
        containers: [
          {
            name: 'a',
            image: 'nginx',
            resources: {
              requests: { cpu: '250m', memory: '64Mi' },
              limits: { cpu: '2', memory: '1Gi' },
            },
          },
          { name: 'b', image: 'nginx', resources: { requests: { cpu: 0.5 } } },
        ],
      } as any,
    });
    expect(link.startsWith('/create/templates/default/daemonset?')).toBe(true);
    const formData = formDataOf(link);
    expect(formData.baseRevision).toBe(7);
    expect(formData.containers[0].resources).toEqual({
      requests: { cpu: 0.25, memory: '64Mi' },
      limits: { cpu: 2, memory: '1Gi' },
    });
    expect(formData.containers[1].resources.requests.cpu).toBe(0.5);
  });
});
