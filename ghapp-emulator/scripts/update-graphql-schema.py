#!/usr/bin/env python3
"""Refreshes the emulator's copy of GitHub's public GraphQL schema.

Fetches @octokit/graphql-schema (GitHub's published schema, MIT-licensed package) at the version
given, drops every description (the emulator needs the types, not GitHub's documentation prose),
and writes the result beside GraphqlSchema.java. GitHubGraphqlSchemaTest checks that the copy has
exactly the package's types, fields, arguments and directives.

    python3 ghapp-emulator/scripts/update-graphql-schema.py 15.26.1
"""
import io
import pathlib
import subprocess
import sys
import tarfile
import tempfile

TARGET = (pathlib.Path(__file__).resolve().parent.parent
          / "src/main/resources/io/github/ghapp/emulator/internal/graphql/github-schema.graphql")


def strip_descriptions(sdl):
    """Removes description strings: a string is a value when it follows ':', '=' or '[' (an
    argument, a default, a list), and a description otherwise."""
    out, i, n = [], 0, len(sdl)
    last = ""  # the last significant character written
    while i < n:
        c = sdl[i]
        if c == "#":  # a comment runs to the end of the line
            j = sdl.find("\n", i)
            i = n if j < 0 else j
            continue
        if c == '"':
            block = sdl.startswith('"""', i)
            j = i + 3 if block else i + 1
            while True:
                if block and sdl.startswith('"""', j) and sdl[j - 1] != "\\":
                    j += 3
                    break
                if not block and sdl[j] == '"' and sdl[j - 1] != "\\":
                    j += 1
                    break
                if not block and sdl[j] == "\n":
                    raise ValueError("unterminated string at %d" % i)
                j += 1
            if last in (":", "=", "["):
                out.append(sdl[i:j])
                last = '"'
            i = j
            continue
        out.append(c)
        if not c.isspace():
            last = c
        i += 1
    lines = [line.rstrip() for line in "".join(out).splitlines()]
    return "\n".join(line for line in lines if line) + "\n"


def drop_repeated_fields(sdl):
    """GitHub's published schema declares a few fields twice in one type, identically (e.g.
    EnterpriseOwnerInfo.repositoryDeployKeySetting in 15.26.1); graphql-ruby tolerates that,
    graphql-java refuses the schema. Keeps the first of two identical declarations; two different
    ones are an error to look at."""
    out, fields, current, name = [], {}, [], None

    def flush():
        if name is None:
            out.extend(current)
            return
        text = "\n".join(current)
        if name in fields:
            if fields[name] != text:
                raise ValueError("field %s declared twice, differently" % name)
            return
        fields[name] = text
        out.extend(current)

    for line in sdl.splitlines():
        if not line.startswith(" "):  # a type's first or last line, or a top-level definition
            flush()
            current, name = [line], None
            if line.endswith("{"):
                fields = {}
            out.extend(current)
            current = []
            continue
        if line.startswith("  ") and not line.startswith("   ") and line[2] not in ")":
            flush()
            current, name = [line], line[2:].split("(")[0].split(":")[0].strip()
        else:
            current.append(line)
    flush()
    return "\n".join(out) + "\n"


def main(version):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", "--silent", "@octokit/graphql-schema@" + version],
                       cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        packed = next(pathlib.Path(tmp).glob("*.tgz"))
        with tarfile.open(packed) as tar:
            sdl = tar.extractfile("package/schema.graphql").read().decode("utf-8")
    header = ("# GitHub's public GraphQL schema, from the npm package @octokit/graphql-schema %s,\n"
              "# without its descriptions. Regenerate with ghapp-emulator/scripts/update-graphql-schema.py.\n"
              % version)
    TARGET.write_text(header + drop_repeated_fields(strip_descriptions(sdl)), encoding="utf-8")
    print("wrote", TARGET)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: update-graphql-schema.py VERSION (e.g. 15.26.1)")
    main(sys.argv[1])
