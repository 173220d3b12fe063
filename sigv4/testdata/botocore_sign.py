#!/usr/bin/env python3
"""Sends requests signed by botocore (the AWS CLI's library) to a test server.

Used by botocore_test.go. Reads a JSON list of cases on stdin and prints a
JSON list of results, one per case, in order: {"status": int, "error_type": str}.

A case is either
  {"mode": "raw", "method", "url", "body", "headers", "access_key",
   "secret_key", "region", "service"}
    signed with botocore.auth.SigV4Auth on an AWSRequest and sent with
    urllib, the URL (path and query) exactly as given; or
  {"mode": "client", "operation", "params", "endpoint_url", "access_key",
   "secret_key", "region"}
    a call through a botocore wellarchitected client, as the AWS CLI makes it.
"""
import json
import sys
import urllib.error
import urllib.request

import botocore.session
from botocore import xform_name
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError


def send_raw(case):
    body = case.get("body", "").encode()
    request = AWSRequest(
        method=case["method"],
        url=case["url"],
        data=body,
        headers=case.get("headers") or {},
    )
    credentials = Credentials(case["access_key"], case["secret_key"])
    SigV4Auth(credentials, case["service"], case["region"]).add_auth(request)
    http_request = urllib.request.Request(
        case["url"],
        data=body or None,
        headers=dict(request.headers.items()),
        method=case["method"],
    )
    try:
        with urllib.request.urlopen(http_request, timeout=10) as response:
            return {"status": response.status, "error_type": ""}
    except urllib.error.HTTPError as e:
        return {"status": e.code, "error_type": e.headers.get("X-Amzn-ErrorType", "")}


def send_client(case):
    client = botocore.session.get_session().create_client(
        "wellarchitected",
        region_name=case["region"],
        endpoint_url=case["endpoint_url"],
        aws_access_key_id=case["access_key"],
        aws_secret_access_key=case["secret_key"],
        config=Config(retries={"total_max_attempts": 1}),
    )
    try:
        getattr(client, xform_name(case["operation"]))(**case["params"])
        return {"status": 200, "error_type": ""}
    except ClientError as e:
        return {
            "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
            "error_type": e.response["Error"]["Code"],
        }


def main():
    cases = json.load(sys.stdin)
    results = [send_raw(c) if c["mode"] == "raw" else send_client(c) for c in cases]
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
