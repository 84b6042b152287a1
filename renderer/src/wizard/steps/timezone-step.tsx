import { z } from 'zod';
import { CheckField } from '../../components/check-field';
import { SearchableList } from '../../components/searchable-list';
import { SelectField, type Option } from '../../components/select-field';
import type { Profile } from '../../../../shared/profile/schema';
import { useAppStore } from '../../store/store-context';
import { toggled } from '../stash';
import { StepFrame } from '../step-frame';

const MODES: ReadonlyArray<Option<Profile['timezoneMode']>> = [
  { value: 'copy', label: 'Copy the zone file' },
  { value: 'link', label: 'Link into tzdata (-i)' },
  { value: 'copy-keep', label: 'Copy, keep old copies (-k)' },
];

export function TimezoneStep() {
  const timezone = useAppStore((s) => s.wizard.profile.timezone);
  const timezoneMode = useAppStore((s) => s.wizard.profile.timezoneMode);
  const zones = useAppStore((s) => s.ui.engine?.timezones);
  const edit = useAppStore((s) => s.wizard.edit);
  const setOn = (on: boolean) =>
    edit((w) => {
      const t = toggled(w, 'timezone', w.profile.timezone, on, () => 'UTC', z.string());
      return { stash: t.stash, profile: { ...w.profile, timezone: t.value } };
    });
  return (
    <StepFrame step="timezone">
      <CheckField
        path="timezone#set"
        label="Set a time zone"
        checked={timezone !== null}
        onChange={setOn}
        hint="Off leaves the box on UTC without zone data (TIMEZONEOPTS=none)."
      />
      {timezone !== null && !zones && <p className="loading">Loading the time zones…</p>}
      {timezone !== null && zones && (
        <SearchableList
          path="timezone"
          label="Time zone"
          items={zones}
          value={timezone}
          onChange={(zone) => edit((w) => ({ profile: { ...w.profile, timezone: zone } }))}
          hint="Search by city or region, like Berlin or America."
        />
      )}
      {timezone !== null && (
        <SelectField
          path="timezoneMode"
          label="How the zone is installed"
          value={timezoneMode}
          options={MODES}
          onChange={(mode) => edit((w) => ({ profile: { ...w.profile, timezoneMode: mode } }))}
          hint="A copy needs no tzdata on the box; linking keeps tzdata installed, so a later zone change needs no download."
        />
      )}
    </StepFrame>
  );
}
