import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Vitest runs projects one after another (in name order), so the process files, which mostly
 * wait on the programs they start, ran after the CPU-bound in-process ones instead of beside
 * them. Within each group (`sequence.groupOrder`) this takes each project's files in Vitest's own
 * order (slowest first, from the last run) and deals them out in turn, so waits and work overlap.
 */
export class InterleaveSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const groups = new Map<number, Map<string, TestSpecification[]>>();
    for (const file of sorted) {
      const order = file.project.config.sequence.groupOrder ?? 0;
      const projects = groups.get(order) ?? new Map<string, TestSpecification[]>();
      groups.set(order, projects);
      const list = projects.get(file.project.name) ?? [];
      projects.set(file.project.name, list);
      list.push(file);
    }
    const dealt: TestSpecification[] = [];
    for (const order of [...groups.keys()].sort((a, b) => a - b)) {
      const lists = [...(groups.get(order) as Map<string, TestSpecification[]>).values()];
      for (let index = 0; lists.some((list) => index < list.length); index++) {
        for (const list of lists) if (index < list.length) dealt.push(list[index] as TestSpecification);
      }
    }
    return dealt;
  }
}
