#!/usr/bin/env node
// read.js — what two independent Fountain parsers read in a screenplay, for
// tests/test_fountain.c to compare with drama's own parser.
//
//   node read.js fountain-js FILE.fountain
//   node read.js afterwriting FILE.fountain WORKDIR
//
// Prints one item a line: "H<TAB>scene heading", "C<TAB>character cue" (fountain-js:
// with " ^" for the right one of side-by-side speeches) and
// "D<TAB>the block's parentheticals, dialogue and lyrics (~) run together".
// fountain-js gives tokens; afterwriting's command line renders a PDF with actions,
// page numbers and the title page turned off and scene numbers on the left, which
// pdftotext -layout reads back: a heading is a line at the margin (after its number),
// a block is the indented lines after a blank line (cue first).
// Exit status 2 with a message on stderr when a peer is missing or fails.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const here = __dirname;
const mods = path.join(here, 'node_modules');

let spaceless = false;   // a PDF read back: compared without spaces
function out(kind, text) {
	if (spaceless) { process.stdout.write(kind + '\t' + text.replace(/\s+/g, '') + '\n'); return; }
	// white space as one space; none next to a non-ASCII character (CJK lines wrap without one)
	const t = text.replace(/\s+/g, ' ').trim().replace(/ (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) /g, '');
	process.stdout.write(kind + '\t' + t + '\n');
}

function fountainJs(file) {
	const { Fountain } = require(path.join(mods, 'fountain-js'));
	const r = new Fountain().parse(fs.readFileSync(file, 'utf8'), true);
	let body = null, right = false;
	const flush = () => { if (body !== null) out('D', body); body = null; };
	for (const t of r.tokens) {
		switch (t.type) {
		case 'scene_heading': flush(); out('H', t.text); break;
		case 'dialogue_begin': right = t.dual === 'right'; break;
		case 'character': flush(); out('C', t.text + (right ? ' ^' : '')); body = ''; break;
		case 'parenthetical': body += ' ' + t.text; break;
		case 'dialogue': body += ' ' + t.text; break;
		case 'lyrics': if (body !== null) body += ' ~' + t.text; break;
		case 'dialogue_end': flush(); break;
		default: break;
		}
	}
	flush();
}

// A CJK font for pdfkit: one font of Noto Sans CJK (a .ttc collection pdfkit cannot
// open) copied out once into node_modules/.cache, and a module for afterwriting's
// --fonts option that reads it (a module holding it as base64 costs seconds to load).
function cjkFont() {
	const dir = path.join(mods, '.cache');
	const otf = path.join(dir, 'cjk.otf'), mod = path.join(dir, 'cjk-font.js');
	if (fs.existsSync(mod)) return mod;
	const ttc = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
	if (!fs.existsSync(ttc)) throw new Error('no ' + ttc + ' (Debian package fonts-noto-cjk)');
	fs.mkdirSync(dir, { recursive: true });
	execFileSync(process.execPath, [path.join(here, 'ttc2otf.js'), ttc, '0', otf + '.tmp']);
	fs.renameSync(otf + '.tmp', otf);
	fs.writeFileSync(mod + '.tmp', 'define(function (require) {\n\tvar f = require("fs").readFileSync(' +
		JSON.stringify(otf) + ');\n\treturn { regular: f, bold: f, italic: f, bolditalic: f };\n});\n');
	fs.renameSync(mod + '.tmp', mod);
	return mod;
}

function afterwriting(file, work) {
	const cfg = path.join(work, 'aw-config.json');
	fs.writeFileSync(cfg, JSON.stringify({
		embolden_scene_headers: false, show_page_numbers: false, split_dialogue: false,
		print_title_page: false, print_profile: 'usletter', double_space_between_scenes: false,
		print_sections: false, print_synopsis: false, print_actions: false, print_headers: true,
		print_dialogues: true, number_sections: false, use_dual_dialogue: false, print_notes: false,
		print_header: '', print_footer: '', print_watermark: '', scenes_numbers: 'left',
		each_scene_on_new_page: false,
	}));
	const pdf = path.join(work, 'aw.pdf');
	const args = [path.join(mods, 'afterwriting', 'awc.js'), '--source', file, '--pdf', pdf, '--overwrite', '--config', cfg];
	const text = fs.readFileSync(file, 'utf8');
	if (/[\u3000-\u9fff\uff00-\uffef]/.test(text)) args.push('--fonts', cjkFont());
	execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
	// every printed line with its left edge: pdftotext -bbox-layout gives word boxes
	const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
	const ent = (t) => t.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
	const lines = [];
	xml.split(/<page /).slice(1).forEach((page, pno) => {
		const re = /<line xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g;
		let m;
		while ((m = re.exec(page))) {
			const words = [...m[3].matchAll(/<word[^>]*>([\s\S]*?)<\/word>/g)].map((w) => ent(w[1]));
			lines.push({ page: pno, x: Number(m[1]), y: Number(m[2]), text: words.join(' ') });
		}
	});
	lines.sort((a, b) => a.page - b.page || a.y - b.y || a.x - b.x);
	// usletter layout of afterwriting: scene number at 72pt, heading 108, dialogue 180,
	// parenthetical 216, cue 252 (left edges); actions and transitions are not printed
	const at = (l, x) => Math.abs(l.x - x) < 4;
	let block = null, heading = null, last = null;
	const flush = () => {
		if (heading !== null) out('H', heading);
		if (block) { out('C', block[0]); out('D', block.slice(1).join(' ')); }
		heading = null; block = null;
	};
	for (const l of lines) {
		if (l.x < 100 && /^\d+[A-Z]?$/.test(l.text)) continue;   // the scene number
		if (at(l, 108)) {
			if (heading !== null && last && last.page === l.page && l.y - last.y < 18) heading += ' ' + l.text;   // wrapped
			else { flush(); heading = l.text; }
		} else if (at(l, 252)) {
			flush();
			block = [l.text];
		} else if ((at(l, 180) || at(l, 216)) && block) {
			block.push(l.text);
		} else {
			throw new Error('a line at ' + l.x + 'pt the reader does not know: ' + l.text);
		}
		last = l;
	}
	flush();
}

const [peer, file, work] = process.argv.slice(2);
try {
	if (peer === 'fountain-js') fountainJs(file);
	else if (peer === 'afterwriting') spaceless = true, afterwriting(file, work || fs.mkdtempSync('/tmp/aw-'));
	else throw new Error('usage: read.js fountain-js|afterwriting FILE [WORKDIR]');
} catch (e) {
	process.stderr.write('read.js ' + peer + ' ' + file + ': ' + (e.stderr ? e.stderr.toString() : '') + e.message + '\n');
	process.exit(2);
}
