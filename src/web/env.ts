// What every request handler can reach through c.var, set once per app in app.ts.
import type { Store } from '../store/store.js';
import type { Trending } from '../rank/trending.js';
import type { Logger } from '../log.js';
import type { SearchService } from '../search/service.js';

export interface AppEnv {
  Variables: {
    store: Store;
    trending: Trending;
    log: Logger;
    /** True when the store holds the demo corpus (the footer says so). */
    demo: boolean;
    /** Keyword search over the derived index; absent when the app was built without one. */
    search: SearchService | undefined;
  };
}
