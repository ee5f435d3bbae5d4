// The directory rule run in the drawer before the confirmation (docs/domain.md §5): the same
// checkDirectoryEvent the server runs, on the firm's detail and its records as the page has them. The server
// checks again when saving; this only spares the user a confirmation that can only be refused.
import { checkDirectoryEvent, type DirectoryEventCreate, type DirectoryProblem } from '@shenggui/domain';
import type { DirectoryEvent, EnterpriseDetail } from '../../api/types';

/** The firm's latest valid record, as the server picks it: latest approval date, then the later record. */
export function latestValidEvent(events: readonly DirectoryEvent[]): DirectoryEvent | null {
  let latest: DirectoryEvent | null = null;
  for (const e of events) {
    if (e.voided) continue;
    if (
      !latest ||
      e.approvalDate > latest.approvalDate ||
      (e.approvalDate === latest.approvalDate && e.id > latest.id)
    )
      latest = e;
  }
  return latest;
}

export function precheckDirectoryEvent(
  firm: Pick<EnterpriseDetail, 'scaleStatus' | 'legalForm' | 'productionStartedOn'>,
  events: readonly DirectoryEvent[],
  event: Pick<DirectoryEventCreate, 'type' | 'mode' | 'approvalDate' | 'effectivePeriod'>,
  today: string,
): DirectoryProblem[] {
  const last = latestValidEvent(events);
  return checkDirectoryEvent(
    {
      scaleStatus: firm.scaleStatus,
      legalForm: firm.legalForm,
      productionStartedOn: firm.productionStartedOn,
      lastEvent: last ? { approvalDate: last.approvalDate, effectivePeriod: last.effectivePeriod } : null,
    },
    event,
    today,
  );
}
