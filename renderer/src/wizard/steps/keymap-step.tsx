import { useMemo } from 'react';
import { keymapSchema } from '../../../../shared/profile/schema';
import { CheckField } from '../../components/check-field';
import { SearchableList } from '../../components/searchable-list';
import { SelectField } from '../../components/select-field';
import { useAppStore } from '../../store/store-context';
import { toggled } from '../stash';
import { StepFrame } from '../step-frame';

const usual = () => ({ layout: 'us', variant: 'us' });

export function KeymapStep() {
  const keymap = useAppStore((s) => s.wizard.profile.keymap);
  const engine = useAppStore((s) => s.ui.engine);
  const edit = useAppStore((s) => s.wizard.edit);
  const layouts = useMemo(() => engine?.keymapLayouts() ?? [], [engine]);
  const variants = engine && keymap ? engine.keymapVariants(keymap.layout) : [];
  const variantOptions = keymap && !variants.includes(keymap.variant) ? [keymap.variant, ...variants] : variants;

  const setOn = (on: boolean) =>
    edit((w) => {
      const t = toggled(w, 'keymap', w.profile.keymap, on, usual, keymapSchema.unwrap());
      return { stash: t.stash, profile: { ...w.profile, keymap: t.value } };
    });

  const pickLayout = (layout: string) => {
    if (!engine) return;
    const options = engine.keymapVariants(layout);
    const variant = options.includes(layout) ? layout : (options[0] ?? layout);
    edit((w) => ({ profile: { ...w.profile, keymap: { layout, variant } } }));
  };

  return (
    <StepFrame step="keymap">
      <CheckField
        path="keymap#set"
        label="Set a keyboard layout"
        checked={keymap !== null}
        onChange={setOn}
        hint="Leave this off for a box you will only reach over SSH (KEYMAPOPTS=none)."
      />
      {keymap && !engine && <p className="loading">Loading the keyboard catalogue…</p>}
      {keymap && engine && (
        <>
          <SearchableList path="keymap.layout" label="Layout" items={layouts} value={keymap.layout} onChange={pickLayout} hint="Search by code, like de, fr or us." />
          <SelectField
            path="keymap.variant"
            label="Variant"
            value={keymap.variant}
            options={variantOptions.map((v) => ({ value: v, label: variants.includes(v) ? v : `${v} (not in the catalogue)` }))}
            onChange={(variant) => edit((w) => ({ profile: { ...w.profile, keymap: w.profile.keymap && { ...w.profile.keymap, variant } } }))}
          />
        </>
      )}
    </StepFrame>
  );
}
