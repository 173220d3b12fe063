// Choosing pillars, as goals, profiles and generations do.
import Multiselect from '@cloudscape-design/components/multiselect';
import type { Pillar } from '../../api/gen/types';
import { pillarLabel, pillars } from './common';

const options = pillars.map((p) => ({ value: p, label: pillarLabel[p] }));

/** PillarSelect chooses pillars; onChange has them in the order chosen. */
export function PillarSelect({ value, onChange, ariaLabel }: { value: Pillar[]; onChange: (ps: Pillar[]) => void; ariaLabel: string }) {
  return (
    <Multiselect
      selectedOptions={value.map((p) => ({ value: p, label: pillarLabel[p] }))}
      options={options}
      onChange={(e) => onChange(e.detail.selectedOptions.map((o) => o.value as Pillar))}
      placeholder="Choose pillars"
      ariaLabel={ariaLabel}
    />
  );
}
