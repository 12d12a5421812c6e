#!/usr/bin/env python3
"""fuzz/make_corpus.py — writes the seed corpora of fuzz/corpus/<target>/ that are not
plain copies of example files: small WAVs of each sample format, AI server answers
(chat completions plain and streamed, ComfyUI /prompt + /history + /view, images API,
speech API), settings files. Run from the repository root:
    python3 fuzz/make_corpus.py /path/to/examples /path/to/a/scripted/project ...
A scripted project is what `drama script DIR --from FILE` and `drama voice DIR` leave:
its storyboard.json, drama.json and cache/voice/*.json become seeds too."""
import base64, glob, json, math, os, shutil, struct, sys

ROOT = "fuzz/corpus"

def put(target, name, data):
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

def wav(rate=48000, ch=1, bits=16, fmt=1, n=480, extensible=False, extra=b"", data_len=None):
    frames = []
    for i in range(n):
        v = math.sin(i * 2 * math.pi * 440 / rate) * 0.5
        for _ in range(ch):
            if fmt == 3:
                frames.append(struct.pack("<f", v))
            elif bits == 16:
                frames.append(struct.pack("<h", int(v * 32767)))
            elif bits == 24:
                frames.append(struct.pack("<i", int(v * 8388607))[:3])
            else:
                frames.append(struct.pack("<i", int(v * 2147483647)))
    pcm = b"".join(frames)
    ba = ch * bits // 8
    if extensible:
        fmtc = struct.pack("<HHIIHHHHIH14s", 0xFFFE, ch, rate, rate * ba, ba, bits, 22, bits, 0, fmt, b"\x00" * 14)
    else:
        fmtc = struct.pack("<HHIIHH", fmt, ch, rate, rate * ba, ba, bits)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmtc)) + fmtc + extra
    body += b"data" + struct.pack("<I", len(pcm) if data_len is None else data_len) + pcm
    return b"RIFF" + struct.pack("<I", len(body)) + body

def chat_json(content, finish="stop"):
    return json.dumps({"object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                       "finish_reason": finish}], "usage": {"prompt_tokens": 10, "completion_tokens": 5}})

def chat_sse(content, pieces=4):
    step = len(content) // pieces + 1
    out = ""
    for i in range(0, len(content), step):
        out += "data: " + json.dumps({"choices": [{"index": 0, "delta": {"content": content[i:i + step]}, "finish_reason": None}]}) + "\n\n"
    out += 'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":4}}\n\ndata: [DONE]\n\n'
    return "HTTP 200 text/event-stream\n" + out

SEP = "\n=====\n"
BIBLE = {"title": "The Tea Prince", "logline": "A prince falls through time into a milk tea shop.", "era": "mixed",
         "genres": ["time-travel", "romance"],
         "characters": [{"name": "Xia", "role": "shop owner", "gender": "female", "age": 24, "personality": "stubborn", "description": "ponytail, green apron"},
                        {"name": "Rui", "role": "prince", "gender": "male", "age": 26, "personality": "proud", "description": "long hair, gold robe"}],
         "locations": [{"name": "Milk Tea Shop", "kind": "milk_tea_shop", "description": "pastel counter"}],
         "episodes": [{"number": 1, "title": "He Fell From the Sky", "hook": "A prince crashes through the roof.", "cliffhanger": "Guards appear.",
                       "beats": ["crash", "argument", "truce"], "scenes": [
                           {"location": "Milk Tea Shop", "time": "night", "weather": "rain", "mood": "comedy", "summary": "He crashes in.", "cast": ["Xia", "Rui"]},
                           {"location": "Milk Tea Shop", "time": "night", "weather": "clear", "mood": "tension", "summary": "Guards arrive.", "cast": ["Xia", "Rui"]}]}]}
SCENE = {"shots": [
    {"type": "wide", "camera": "shake", "transition": "cut", "sound": "stinger", "action": "The roof breaks.",
     "actors": [{"name": "Rui", "expression": "surprised", "pose": "idle", "action": "falls"}],
     "line": {"speaker": "Rui", "text": "Where am I?", "emotion": "surprised", "parenthetical": None}},
    {"type": "close_up", "camera": "push_in", "transition": "cut", "sound": None, "action": "Xia stares.",
     "actors": [{"name": "Xia", "expression": "angry", "pose": "arms_crossed", "action": "glares"}],
     "line": {"speaker": "Xia", "text": "You owe me a roof.", "emotion": "angry", "parenthetical": None}},
    {"type": "insert", "camera": "static", "transition": "crossfade", "sound": None, "action": "A jade seal on the floor.", "actors": [], "line": None}]}

def wav_seeds():
    """The WAV reader's seeds (16-bit PCM) and the speech API's WAVs (16/24/32-bit PCM, float,
    extensible, streamed size): made, not kept in git (`make` runs `make_corpus.py --wavs`)."""
    put("wav", "mono48k.wav", wav())
    put("wav", "stereo22k.wav", wav(rate=22050, ch=2, n=200))
    put("wav", "list-chunk.wav", wav(rate=8000, n=100, extra=b"LIST\x05\x00\x00\x00INFOx\x00"))
    put("wav", "empty.wav", wav(n=0))
    put("speech", "pcm16-24k.wav", wav(rate=24000, n=2400))
    put("speech", "pcm24.wav", wav(rate=16000, bits=24, n=1600))
    put("speech", "pcm32-stereo.wav", wav(rate=44100, ch=2, bits=32, n=2205))
    put("speech", "float.wav", wav(rate=22050, bits=32, fmt=3, n=2205))
    put("speech", "extensible.wav", wav(rate=48000, bits=16, n=4800, extensible=True))
    put("speech", "streamed.wav", wav(rate=24000, n=2400, data_len=0xFFFFFFFF))

def main():
    if sys.argv[1:] == ["--wavs"]:
        wav_seeds()
        return
    examples = sys.argv[1]
    projects = sys.argv[2:]
    ex = lambda n: open(os.path.join(examples, n), "rb").read()
    # text importers
    put("fountain", "short.fountain", ex("short.fountain"))
    put("outline", "outline.txt", ex("outline.txt"))
    put("outline", "keywords.txt", ex("keywords.txt"))
    put("outline", "zh.txt", "1. 公主在奶茶店遇见王子。\n2. 王子不会用手机。\n3. 侍卫追来，两人逃走。\n")
    put("novel", "story_en.txt", ex("story_en.txt"))
    put("novel", "story_zh.txt", ex("story_zh.txt"))
    for i, (n, e) in enumerate([("outline.txt", "0"), ("story_en.txt", "1"), ("short.fountain", "2"), ("story_zh.txt", "0")]):
        put("detect", "%d-%s" % (i, n), e.encode() + ex(n))
    for p in projects:
        name = os.path.basename(p.rstrip("/"))
        sb = open(os.path.join(p, "storyboard.json"), "rb").read()
        put("storyboard", name + ".json", sb)
        put("detect", name + ".json", b"3" + sb)
        put("fountain", name + ".fountain", open(os.path.join(p, "script.fountain"), "rb").read())
        put("settings", name + ".json", open(os.path.join(p, "drama.json"), "rb").read())
        for k, t in enumerate(sorted(glob.glob(os.path.join(p, "cache/voice/*.json")))[:3]):
            put("timing", "%s-%d.json" % (name, k), open(t, "rb").read())
    put("settings", "ai.json", json.dumps({"width": 720, "height": 1280, "lang": "zh", "seed": -5, "minutes": 0.5,
        "backends": {"story": "llm", "art": "comfyui", "voice": "speech-api", "music": "synth"},
        "llm": {"url": "http://127.0.0.1:8080/v1", "model": "qwen", "timeout": 30, "retries": 1},
        "comfyui": {"url": "http://127.0.0.1:8188", "workflows": {"shot": {"file": "wf/shot.json", "map": {"prompt": "6.inputs.text"}}, "video": "v.json"},
                    "vars": {"steps": 20}},
        "images": {"url": "http://x", "api_key": "k"}, "tts": {"url": "http://t", "voice": "af_sky"}, "temperature": 0.2, "strict": True}, indent=1))
    wav_seeds()
    put("speech", "error400.txt", 'HTTP 400 application/json\n{"detail": "voice not found"}')
    # LLM chat answers
    obj = 'Sure! ```json\n{"greeting": "hi", "n": 3, "list": [1, 2.5, "x"]}\n``` Enjoy.'
    put("llm_chat", "plain.json", chat_json(obj))
    put("llm_chat", "stream.sse", chat_sse(obj))
    put("llm_chat", "length.json", chat_json('{"a": {"b": [true, null]}}', "length"))
    put("llm_chat", "schema400-retry.txt", 'HTTP 400 application/json\n{"error": {"message": "response_format json_schema is not supported"}}' + SEP + chat_json('{"ok": 1}'))
    put("llm_chat", "stream-error.sse", 'HTTP 200 text/event-stream\ndata: {"error": {"message": "model crashed"}}\n\n')
    put("llm_chat", "http404.txt", 'HTTP 404 application/json\n{"error": "model not found"}')
    put("llm_chat", "notjson.txt", "HTTP 200 text/html\n<html>hello</html>")
    # LLM storyboard: bible, scene 1, scene 2 (as chat answer texts), and a repair round
    b, sc = json.dumps(BIBLE), json.dumps(SCENE)
    put("llm_story", "good.txt", b + SEP + sc + SEP + sc)
    put("llm_story", "fenced.txt", "Here:\n```json\n" + b + "\n```" + SEP + sc + SEP + "Sure " + sc)
    bad = json.loads(sc); bad["shots"][0]["line"]["speaker"] = "Nobody"
    put("llm_story", "repair.txt", b + SEP + json.dumps(bad) + SEP + sc + SEP + '{"shots": [ {"type": "wide", ]}' + SEP + sc)
    zb = json.loads(b); zb["characters"][0]["name"] = "小夏"; zb["episodes"][0]["scenes"][0]["cast"] = ["小夏", "Rui"]; zb["episodes"][0]["scenes"][1]["cast"] = ["小夏"]
    zs = json.loads(sc); zs["shots"][1]["line"] = {"speaker": "小夏", "text": "你欠我一个屋顶。", "emotion": "angry", "parenthetical": None}
    zs["shots"][1]["actors"][0]["name"] = "小夏"
    put("llm_story", "zh.txt", json.dumps(zb, ensure_ascii=False) + SEP + json.dumps(zs, ensure_ascii=False) + SEP + json.dumps(zs, ensure_ascii=False))
    # ComfyUI: /prompt, /history polls, /view
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24
    hist_run = json.dumps({"pid-1": {"status": {"status_str": "running", "completed": False}, "outputs": {}}})
    hist_done = json.dumps({"pid-1": {"status": {"status_str": "success", "completed": True},
                            "outputs": {"9": {"images": [{"filename": "drama_00001_.png", "subfolder": "", "type": "output"}],
                                              "gifs": [{"filename": "clip.mp4", "subfolder": "v", "type": "temp"}]}}}})
    put("comfy", "run.txt", '{"prompt_id": "pid-1", "number": 1, "node_errors": {}}' + SEP + "{}" + SEP + hist_run + SEP + hist_done + SEP + "HTTP 200 image/png\n")
    with open(os.path.join(ROOT, "comfy", "run.txt"), "ab") as f:
        f.write(png)
    put("comfy", "node-errors.txt", 'HTTP 400 application/json\n' + json.dumps({"error": {"type": "prompt_outputs_failed_validation", "message": "Prompt outputs failed validation", "details": ""},
        "node_errors": {"4": {"errors": [{"type": "value_not_in_list", "message": "Value not in list", "details": "ckpt_name: x.safetensors"}], "class_type": "CheckpointLoaderSimple"}}}))
    put("comfy", "exec-error.txt", '{"prompt_id": "pid-1"}' + SEP + json.dumps({"pid-1": {"status": {"status_str": "error", "completed": False,
        "messages": [["execution_start", {}], ["execution_error", {"node_id": "3", "node_type": "KSampler", "exception_type": "RuntimeError", "exception_message": "CUDA out of memory"}]]}}}))
    # images API
    put("images", "b64.json", json.dumps({"created": 1, "data": [{"b64_json": base64.b64encode(png).decode()}]}))
    put("images", "url.txt", json.dumps({"data": [{"url": "http://127.0.0.1:9/img.png"}]}) + SEP + "HTTP 200 image/png\n")
    with open(os.path.join(ROOT, "images", "url.txt"), "ab") as f:
        f.write(png)
    put("images", "error401.txt", 'HTTP 401 application/json\n{"error": {"message": "bad key"}}')

main()
