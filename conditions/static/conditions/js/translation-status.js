// The translations' status table: each Translate button is sent once (a quick second press
// would otherwise race the first; the editor then sees the draft the first one made).
import { submitOnce } from "./submit-once.js";

document.querySelectorAll("#translation-status .translate-form").forEach(submitOnce);
