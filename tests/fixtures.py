"""Test fixtures shared by the tests, the notebooks' examples and `scripts/gpu_smoke.sh`: not part of the library."""
from pathlib import Path

from transformers import GenerationConfig, LlamaConfig, LlamaForCausalLM

from whynb.data import record_text, world_corpus
from whynb.model import build_tokenizer
from whynb.seeds import seed_everything


def tiny_hf_model(path, vocab_size:int=1000, hidden:int=64, n_layer:int=2, seed:int=0) -> Path:
    "Save a tiny random Llama causal LM with a BPE tokenizer and chat template to `path` (a stand-in for a downloaded model)."
    tok = build_tokenizer((record_text(r) for r in world_corpus(200, 100, 50, 0.65, seed)), vocab_size, chat='chatml')
    ids = dict(bos_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id)
    cfg = LlamaConfig(vocab_size=len(tok), hidden_size=hidden, intermediate_size=2*hidden, num_hidden_layers=n_layer,
                      num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=1024,
                      tie_word_embeddings=True, **ids)
    seed_everything(seed)
    model = LlamaForCausalLM(cfg); model.generation_config = GenerationConfig(**ids)
    model.save_pretrained(path); tok.save_pretrained(path)
    return Path(path)
