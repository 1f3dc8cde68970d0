"""Checks generated telescope scripts with Python's own parser (tests only; reads JSON lines on stdin).

Each input line is a JSON object:
  {"op": "script", "script": TEXT}   -> {"ok": bool, "errors": [...], "scans": [description, ...],
                                         "calls": [name, ...], "comments": [text, ...]}
  {"op": "literal", "text": LITERAL} -> {"ok": bool, "value": the evaluated value or null, "error": ...}
One JSON line is written per input line, in order. A script is accepted only when it is ASCII,
parses, and holds nothing but the known statements: the preamble's imports, `with disable_trace():`
around `initialize(...)`, and calls of the known functions whose arguments are all literals.
"""
import ast
import io
import json
import sys
import tokenize

KNOWN_CALLS = {
    "initialize", "wait_until",
    "acu.move_to",
    "smurf.uxm_setup", "smurf.iv_curve", "smurf.bias_dets", "smurf.bias_step",
    "seq.scan",
    "time.sleep",
}
KNOWN_IMPORTS = {("sorunlib", "*"), ("nextline", "disable_trace")}
KNOWN_PLAIN_IMPORTS = {"time"}


def dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = dotted(node.value)
        return None if inner is None else inner + "." + node.attr
    return None


def is_literal(node):
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (str, int, float, bool)) or node.value is None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return isinstance(node.operand, ast.Constant) and isinstance(node.operand.value, (int, float))
    return False


def check_call(call, errors, calls, scans):
    name = dotted(call.func)
    if name not in KNOWN_CALLS:
        errors.append("unknown call %r at line %d" % (name, call.lineno))
        return
    calls.append(name)
    for a in call.args:
        if not is_literal(a):
            errors.append("%s: argument at line %d is not a literal: %s" % (name, a.lineno, ast.dump(a)))
    for k in call.keywords:
        if k.arg is None or not is_literal(k.value):
            errors.append("%s: keyword %r at line %d is not a literal" % (name, k.arg, call.lineno))
    if name == "seq.scan":
        desc = [k.value for k in call.keywords if k.arg == "description"]
        if len(desc) != 1 or not isinstance(desc[0], ast.Constant) or not isinstance(desc[0].value, str):
            errors.append("seq.scan at line %d has no string description" % call.lineno)
        else:
            scans.append(desc[0].value)


def check_statement(stmt, errors, calls, scans, inside_with=False):
    if isinstance(stmt, ast.ImportFrom) and not inside_with:
        for alias in stmt.names:
            if (stmt.module, alias.name) not in KNOWN_IMPORTS or alias.asname is not None:
                errors.append("unknown import from %r of %r" % (stmt.module, alias.name))
    elif isinstance(stmt, ast.Import) and not inside_with:
        for alias in stmt.names:
            if alias.name not in KNOWN_PLAIN_IMPORTS or alias.asname is not None:
                errors.append("unknown import %r" % alias.name)
    elif isinstance(stmt, ast.With) and not inside_with:
        ok = (len(stmt.items) == 1 and isinstance(stmt.items[0].context_expr, ast.Call)
              and dotted(stmt.items[0].context_expr.func) == "disable_trace"
              and not stmt.items[0].context_expr.args and stmt.items[0].optional_vars is None)
        if not ok:
            errors.append("unknown with-statement at line %d" % stmt.lineno)
        for inner in stmt.body:
            check_statement(inner, errors, calls, scans, inside_with=True)
    elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        check_call(stmt.value, errors, calls, scans)
    else:
        errors.append("unexpected statement at line %d: %s" % (stmt.lineno, type(stmt).__name__))


def check_script(text):
    errors, calls, scans, comments = [], [], [], []
    if not text.isascii():
        errors.append("the script is not plain ASCII")
    try:
        tree = ast.parse(text, "<commands>", "exec")
    except SyntaxError as e:
        return {"ok": False, "errors": ["does not parse: %s" % e], "scans": [], "calls": [], "comments": []}
    for stmt in tree.body:
        check_statement(stmt, errors, calls, scans)
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type == tokenize.COMMENT:
            comments.append(tok.string)
    return {"ok": not errors, "errors": errors, "scans": scans, "calls": calls, "comments": comments}


def check_literal(text):
    try:
        node = ast.parse(text, "<literal>", "eval").body
        if not is_literal(node):
            return {"ok": False, "value": None, "error": "not a literal: %s" % ast.dump(node)}
        return {"ok": True, "value": ast.literal_eval(node), "error": None}
    except (SyntaxError, ValueError) as e:
        return {"ok": False, "value": None, "error": str(e)}


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        res = check_script(req["script"]) if req["op"] == "script" else check_literal(req["text"])
        sys.stdout.write(json.dumps(res) + "\n")


if __name__ == "__main__":
    main()
