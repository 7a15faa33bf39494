// Types only: the jest matchers as cdktn declares them (cdktf 0.21 declares the same).
import type {} from 'cdktn/lib/testing/adapters/jest';
import { Testing, disableCreationStackTraces } from '../constructs/cdktf';

// cdktf's jest matchers (toHaveResourceWithProperties, ...), and no creation stack traces: they
// cost most of the synthesis time and no test reads them.
Testing.setupJest();
disableCreationStackTraces();
