// Types for the one lower-level piece of @n8n/localtunnel we drive (its index.d.ts covers only the top-level API).
declare module '@n8n/localtunnel/lib/TunnelCluster.js' {
  import type { EventEmitter } from 'node:events';

  export interface ClusterInfo {
    name: string;
    url: string;
    max_conn: number;
    remote_host: string;
    remote_ip: string | undefined;
    remote_port: number;
    local_port: number;
  }

  /** Emits 'open' (remote socket), 'dead', 'request' and 'error' (connection refused only). */
  export default class TunnelCluster extends EventEmitter {
    constructor(info: ClusterInfo);
    open(): void;
  }
}
