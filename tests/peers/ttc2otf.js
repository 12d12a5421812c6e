// ttc2otf.js — copy one font out of a TrueType/OpenType collection (.ttc) into a
// standalone .otf, so afterwriting's font converter (pdfkit) can embed it.
// usage: node ttc2otf.js IN.ttc INDEX OUT.otf
'use strict';
const fs = require('fs');
const [src, idxArg, out] = process.argv.slice(2);
const b = fs.readFileSync(src);
if (b.toString('latin1', 0, 4) !== 'ttcf') throw new Error(src + ': not a font collection');
const idx = Number(idxArg || 0);
const off = b.readUInt32BE(12 + 4 * idx);
const n = b.readUInt16BE(off + 4);
const head = Buffer.alloc(12 + 16 * n);
b.copy(head, 0, off, off + 12);
const parts = [head];
let pos = head.length;
for (let i = 0; i < n; i++) {
	const r = off + 12 + 16 * i;
	const toff = b.readUInt32BE(r + 8), len = b.readUInt32BE(r + 12);
	b.copy(head, 12 + 16 * i, r, r + 8);          // tag, checksum
	head.writeUInt32BE(pos, 12 + 16 * i + 8);
	head.writeUInt32BE(len, 12 + 16 * i + 12);
	const pad = (4 - (len % 4)) % 4;
	parts.push(b.subarray(toff, toff + len), Buffer.alloc(pad));
	pos += len + pad;
}
fs.writeFileSync(out, Buffer.concat(parts));
