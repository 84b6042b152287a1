import { fail } from '../../shared/api/result';
import { checkPackageNames, checkRunlevel, checkServiceName, type InputProblem } from '../../shared/boxes';
import type { BoxService } from '../boxes/box-service';
import type { DomainHandlers } from './types';

/** A request the boxes would refuse anyway is refused here, before a run is opened or anything connects. */
const refuse = (problem: InputProblem) => fail('invalid-input', problem.message, problem.field);

/** The boxes channels: each checks what the schema cannot (service and package names), then asks the boxes service. */
export function boxHandlers(boxes: BoxService): DomainHandlers<'boxes'> {
  return {
    'boxes:facts': ({ targetId }) => boxes.facts(targetId),
    'boxes:refresh': ({ targetIds }) => boxes.refresh(targetIds),
    'boxes:services': ({ targetId }) => boxes.services(targetId),
    'boxes:service-action': async ({ targetId, name, action, windowSeconds }) => {
      const problem = checkServiceName(name);
      if (problem) return refuse(problem);
      return boxes.serviceAction(targetId, name, action, windowSeconds);
    },
    'boxes:runlevel-action': async ({ targetId, name, runlevel, action }) => {
      const problem = checkServiceName(name) ?? checkRunlevel(runlevel);
      if (problem) return refuse(problem);
      return boxes.runlevelAction(targetId, name, runlevel, action);
    },
    'boxes:packages': ({ targetId }) => boxes.packages(targetId),
    'boxes:upgradable': ({ targetId, refresh }) => boxes.upgradable(targetId, refresh),
    'boxes:add-packages': async ({ targetId, names }) => {
      const problem = checkPackageNames(names, 'names');
      if (problem) return refuse(problem);
      return boxes.addPackages(targetId, names);
    },
    'boxes:remove-packages': async ({ targetId, names }) => {
      const problem = checkPackageNames(names, 'names');
      if (problem) return refuse(problem);
      return boxes.removePackages(targetId, names);
    },
    'boxes:upgrade': ({ targetId }) => boxes.upgrade(targetId),
    'boxes:lbu-status': ({ targetId }) => boxes.lbuStatus(targetId),
    'boxes:lbu-diff': ({ targetId }) => boxes.lbuDiff(targetId),
    'boxes:lbu-commit': ({ targetId, message }) => boxes.lbuCommit(targetId, message),
    'boxes:lbu-backups': ({ targetId }) => boxes.lbuBackups(targetId),
    'boxes:power': ({ targetId, action, force, afterRun }) => boxes.power(targetId, action, force, afterRun),
    'boxes:drift': ({ targetId, profileId }) => boxes.drift(targetId, profileId),
    'boxes:apply-drift': ({ targetId, profileId }) => boxes.applyDrift(targetId, profileId),
    'boxes:cancel': ({ runId }) => boxes.cancel(runId),
  };
}
