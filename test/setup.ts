import type {} from 'cdktf/lib/testing/adapters/jest';
import { Testing, disableCreationStackTraces } from '../constructs/cdktf';

// cdktf's jest matchers (toHaveResourceWithProperties, ...), and no creation stack traces: they
// cost most of the synthesis time and no test reads them.
Testing.setupJest();
disableCreationStackTraces();
