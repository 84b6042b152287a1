import { CurrentStep } from './current-step';
import { ImportReport } from './import/import-report';
import { PreviewPane } from './preview/preview-pane';
import { ProfileBar } from './profiles/profile-bar';
import { UnsavedGuardProvider } from './profiles/unsaved-guard';
import { Probe } from './render-probe';
import { Stepper } from './stepper';

/** The wizard screen: profile bar, steps, the current step's form and the live answer file. */
export function Wizard() {
  return (
    <UnsavedGuardProvider>
      <div className="wizard">
        <Probe id="profile-bar">
          <ProfileBar />
        </Probe>
        <Probe id="import-report">
          <ImportReport />
        </Probe>
        <div className="wizard-columns">
          <Probe id="stepper">
            <Stepper />
          </Probe>
          <div className="wizard-form">
            <Probe id="step">
              <CurrentStep />
            </Probe>
          </div>
          <Probe id="preview">
            <PreviewPane />
          </Probe>
        </div>
      </div>
    </UnsavedGuardProvider>
  );
}
