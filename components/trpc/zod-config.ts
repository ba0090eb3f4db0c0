import { z } from "zod";

// zod compiles fast parsers with `new Function`, and merely probing for it is reported as a
// violation of our strict CSP (no 'unsafe-eval'); the interpreted parsers are fast enough for forms.
z.config({ jitless: true });
