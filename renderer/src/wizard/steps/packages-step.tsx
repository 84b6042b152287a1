import { PackagePicker } from '../parts/package-picker';
import { ServiceEditor } from '../parts/service-editor';
import { StepFrame } from '../step-frame';

export function PackagesStep() {
  return (
    <StepFrame step="packages">
      <PackagePicker />
      <ServiceEditor />
    </StepFrame>
  );
}
