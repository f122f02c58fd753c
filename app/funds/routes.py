from flask import Blueprint

bp = Blueprint("funds", __name__)
