"""CloudFormation YAML: PyYAML with the short-form intrinsic tags (!Ref, !Sub, !GetAtt, ...).

load(path) returns the template as plain data, each short form turned into its long form
({"Ref": "Bucket"}, {"Fn::Sub": "..."}, {"Fn::GetAtt": ["Role", "Arn"]}), as CloudFormation
reads it. A tag that CloudFormation does not know is a YAML error, so a typo such as !Reff
fails the load instead of passing as a plain string.
"""
import yaml

# Short form -> long form. !Ref and !Condition keep their names; the rest are Fn::NAME.
_TAGS = {"Ref": "Ref", "Condition": "Condition"}
for _name in ("Sub", "GetAtt", "Join", "If", "Equals", "Not", "And", "Or", "Select", "Split",
              "FindInMap", "Base64", "Cidr", "ImportValue", "GetAZs", "Length", "ToJsonString"):
    _TAGS[_name] = "Fn::" + _name


class _Loader(yaml.SafeLoader):
    pass


def _construct(long_name):
    def construct(loader, node):
        if isinstance(node, yaml.ScalarNode):
            value = loader.construct_scalar(node)
            # !GetAtt Resource.Attribute is the short form of ["Resource", "Attribute"].
            if long_name == "Fn::GetAtt":
                value = value.split(".", 1)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        return {long_name: value}
    return construct


for _short, _long in _TAGS.items():
    _Loader.add_constructor("!" + _short, _construct(_long))


def load(path):
    with open(path, encoding="utf-8") as stream:
        return yaml.load(stream, Loader=_Loader)  # noqa: S506 (SafeLoader plus the tags above)
